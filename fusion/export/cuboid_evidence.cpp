#include "fusion/export/cuboid_evidence.h"

#include <algorithm>
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
  for (size_t begin = 0; begin < with_sweep.size(); begin += batch) {
    std::vector<FrameData> frames;
    for (size_t i = begin; i < std::min(with_sweep.size(), begin + batch); ++i)
      frames.push_back(assemble_frame(drive, with_sweep[i], reader, true));
    std::vector<const FrameData*> views;
    for (const FrameData& frame : frames) views.push_back(&frame);
    const std::vector<FrameInspection> inspections = inspect_frames(ws, views);
    for (size_t k = 0; k < frames.size(); ++k)
      for (size_t b = 0; b < frames[k].cuboids.size(); ++b) {
        const CuboidInspection& seen = inspections[k].cuboids[b];
        CuboidEvidence& e = evidence[frames[k].cuboids[b].id];
        e.lidar_points = seen.num_lidar_pts;
        e.radar_points = seen.num_radar_pts;
        for (size_t c = 0; c < frames[k].cameras.size(); ++c)
          if (seen.cameras[c]) e.visible_share[frames[k].cameras[c].sensor] = seen.cameras[c]->visible_fraction;
      }
  }
  return evidence;
}

}  // namespace fuselabel
