#pragma once
// Frame assembly, written once for every format: which radar and camera samples go with a
// frame, the time-aligned chain lidar(t_lidar) -> ego -> world -> ego(t_sensor) -> sensor, radar
// scans moved into the LiDAR frame, sweeps with per-point times deskewed, and the frame's
// labels with their classes and attributes resolved.
#include <cstddef>
#include <filesystem>

#include "model/drive.h"
#include "model/frame.h"

namespace fuselabel {

// Reads the records of one sample's point file, in the sensor's own frame, in the format's
// layout. LiDAR: x y z first (plus t_offset in seconds where the format has per-point times);
// radar: x y z vr rcs, vr in m/s positive away from the sensor.
class SampleLoader {
 public:
  virtual ~SampleLoader() = default;
  virtual PointSweep load_points(const Sensor& sensor, const SensorSample& sample) const = 0;
  // Throws InputError naming the file unless the sample's image exists and is readable.
  virtual void check_image(const Sensor& camera, const SensorSample& sample) const = 0;
};

// A LiDAR sample's sweep as frames hold it: sensor and time set, deskewed to the sample time
// where it has per-point offsets and the drive has ego poses (model/deskew.h).
PointSweep load_lidar_sweep(const Drive& drive, const Sensor& lidar, const SensorSample& sample,
                            const SampleLoader& loader);
// The same sweep as measured: each point in the LiDAR frame at its own time, so that neighbours
// in azimuth and elevation are neighbouring rays (after deskewing, a near point can land among
// far points measured at another instant).
PointSweep load_measured_lidar_sweep(const Sensor& lidar, const SensorSample& sample, const SampleLoader& loader);
// Deskews points of `lidar` (x y z ... t_offset, from sweep.timestamp_us) to the sweep's time
// where they have offsets and the drive has ego poses, as load_lidar_sweep does; `file` names
// errors.
void deskew_where_timed(const Drive& drive, const Sensor& lidar, PointSweep& sweep, const std::filesystem::path& file);

// The frame view of drive.frames[frame_index]. load_points = false skips every point file.
// Throws InputError for invalid files and for sensor times the ego poses do not cover.
FrameData assemble_frame(const Drive& drive, size_t frame_index, const SampleLoader& loader, bool load_points = true);

}  // namespace fuselabel
