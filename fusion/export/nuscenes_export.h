#pragma once
// `fuselabel export --format nuscenes`: a drive's labels as nuScenes tables, from any drive.
// A nuScenes drive gets its scene's annotation tables updated (nuscenes_label_writer.h); a drive
// of another format becomes a nuScenes dataroot of its own (nuscenes_dataset_writer.h) with its
// labels added the same way. Either way num_lidar_pts / num_radar_pts are recomputed from the
// drive's sweeps, a label without a visibility level gets the bin of its LiDAR share visible in
// some camera (cuboid_evidence.h), and VERSION/image_annotations.json holds the devkit's 2D
// re-projections of the written tables.
#include <filesystem>
#include <string>
#include <vector>

#include "io/drive_reader.h"
#include "io/nuscenes/nuscenes_label_writer.h"
#include "kernels/workspace.h"

namespace fuselabel {

struct NuscenesExport {
  std::string version;  // the folder under the output
  nuscenes::AppliedLabels applied;
  int64_t annotations = 0;          // labels written (at samples)
  int64_t new_dataset_samples = -1;  // another format's drive: the samples written; else -1
  std::vector<std::string> notes;   // what the written dataroot leaves out
};

NuscenesExport export_nuscenes(const DriveReader& reader, const LabelSet& labels, Workspace& ws,
                               const std::filesystem::path& dir);

}  // namespace fuselabel
