#include "fusion/export/cuboid_evidence.h"

#include <algorithm>
#include <vector>

#include "fusion/frame_inspection.h"

namespace fuselabel {
namespace {

// Point p of the sweep is the nearest point of its pixel in the camera's z-buffer.
bool owns_its_pixel(const CameraProjection& camera, size_t p) {
  const int32_t pixel = camera.lidar[p].pixel;
  return pixel >= 0 && point_of_key(camera.depth_keys[size_t(pixel)]) == p;
}

}  // namespace

const char* nuscenes_visibility_level(double share) {
  return share < 0.4 ? "v0-40" : share < 0.6 ? "v40-60" : share < 0.8 ? "v60-80" : "v80-100";
}

std::map<std::string, CuboidEvidence> cuboid_evidence(const DriveReader& reader, const LabelSet& labels, Workspace& ws,
                                                      size_t batch) {
  std::map<std::string, CuboidEvidence> evidence;
  Drive drive = reader.drive();
  drive.labels = labels;
  std::vector<size_t> with_sweep;
  for (size_t f = 0; f < drive.frames.size(); ++f)
    if (drive.frames[f].lidar_sample >= 0) with_sweep.push_back(f);
  inspect_drive_frames(ws, drive, reader, with_sweep, batch, [&](const FrameData& frame, const FrameInspection& inspection) {
    for (size_t b = 0; b < frame.cuboids.size(); ++b) {
      const CuboidInspection& seen = inspection.cuboids[b];
      CuboidEvidence& e = evidence[frame.cuboids[b].id];
      e.lidar_points = seen.num_lidar_pts;
      e.radar_points = seen.num_radar_pts;
      for (size_t c = 0; c < frame.cameras.size(); ++c)
        if (seen.cameras[c]) e.visible_share[frame.cameras[c].sensor] = seen.cameras[c]->visible_fraction;
    }
    std::vector<int32_t> owned(frame.cuboids.size(), 0), seen(frame.cuboids.size(), 0);
    for (size_t p = 0; p < inspection.lidar_point_cuboid.size(); ++p) {
      const int32_t b = inspection.lidar_point_cuboid[p];
      if (b < 0) continue;
      ++owned[size_t(b)];
      seen[size_t(b)] += std::any_of(inspection.projections.begin(), inspection.projections.end(),
                                     [&](const CameraProjection& camera) { return owns_its_pixel(camera, p); });
    }
    for (size_t b = 0; b < frame.cuboids.size(); ++b) {
      CuboidEvidence& e = evidence[frame.cuboids[b].id];
      e.owned_points = owned[b];
      e.visible_in_any_camera = owned[b] > 0 ? double(seen[b]) / owned[b] : 0.0;
    }
  });
  return evidence;
}

}  // namespace fuselabel
