#pragma once
// nuScenes radar scans: PCD v0.7 binary files of Continental ARS 408 clusters with 18 fields
// (x y z dyn_prop id rcs vx vy vx_comp vy_comp is_quality_valid ambig_state x_rms y_rms
// invalid_state pdh0 vx_rms vy_rms; sizes 1 to 4 bytes, packed), read by io/common/pcd_file.h
// (any field layout; DATA binary as nuScenes ships, ascii and binary_compressed as PCL writes).
// Positions are in the radar's frame (x forward, y left); vx_comp, vy_comp are the velocities
// with the ego motion removed.
#include <filesystem>
#include <string>
#include <vector>

#include "model/frame.h"
#include "projection/transform.h"

namespace fuselabel {

// The fields kept from a nuScenes radar .pcd, in record order: the position, the compensated
// velocity, the radar cross section and the fields that decide validity. The others (id, the
// raw vx vy and the four *_rms) are dropped.
inline const std::vector<std::string> kNuscenesRadarFields = {
    "x", "y", "z", "vx_comp", "vy_comp", "rcs", "dyn_prop", "is_quality_valid", "ambig_state", "invalid_state", "pdh0"};

// Every point of `file` as float records in kNuscenesRadarFields order, unfiltered; `sensor`
// names the sweep. A scan whose first point has a NaN value is empty (the devkit's convention
// for a radar that returned nothing). Throws InputError naming the file: not a readable PCD
// (the line and keyword of a bad header, the line and field of a bad ascii value), more points
// than the points-per-sweep limit, truncated, a kept field missing or with COUNT other than 1, a
// non-finite value.
PointSweep read_nuscenes_radar_pcd(const std::filesystem::path& file, const std::string& sensor);

// The devkit's default filter (RadarPointCloud.from_file): invalid_state 0 (valid cluster),
// ambig_state 3 (unambiguous Doppler), dyn_prop any of 0..7. `record` is in
// kNuscenesRadarFields order.
bool nuscenes_radar_point_valid(const float* record);

// The valid points of `scan` in FrameData's radar layout x y z vr rcs: positions mapped by
// T_lidar_radar; vr = (vx_comp, vy_comp, 0) . p / |p| with p the position in the radar frame,
// i.e. the compensated velocity's component along the line of sight, in m/s, positive moving
// away from the radar. Throws InputError naming `file` for a valid point at the radar's origin
// (it has no line of sight).
PointSweep nuscenes_radar_frame_sweep(const PointSweep& scan, const Transform3d& T_lidar_radar,
                                      const std::filesystem::path& file);

}  // namespace fuselabel
