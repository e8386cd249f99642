#include "fusion/export/cuboid_evidence.h"

#include <vector>

#include "fusion/frame_inspection.h"

namespace fuselabel {

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
  });
  return evidence;
}

}  // namespace fuselabel
