#include "fusion/export/nuscenes_export.h"

#include <map>
#include <stdexcept>

#include "fusion/export/cuboid_evidence.h"
#include "fusion/export/nuscenes_image_annotations.h"
#include "fusion/frame_inspection.h"
#include "io/common/atomic_file.h"
#include "io/common/file_read.h"
#include "io/nuscenes/nuscenes_dataset_writer.h"
#include "io/nuscenes/nuscenes_drive.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

// The labels with the counts and visibility the drive's sweeps give them.
LabelSet with_evidence(const DriveReader& reader, const LabelSet& labels, Workspace& ws) {
  LabelSet out = labels;
  const std::map<std::string, CuboidEvidence> evidence = cuboid_evidence(reader, labels, ws);
  for (CuboidLabel& c : out.boxes) {
    const auto e = evidence.find(c.id);
    if (c.id.empty() || e == evidence.end()) continue;
    c.attributes["num_lidar_pts"] = std::to_string(e->second.lidar_points);
    c.attributes["num_radar_pts"] = std::to_string(e->second.radar_points);
    if (e->second.owned_points >= kMinPointsForVisibleShare)
      c.attributes.emplace("visibility", nuscenes_visibility_level(e->second.visible_in_any_camera));
  }
  return out;
}

// The labels of a drive of another format in the written scene: world frame (through the pose
// of each frame's sweep, as its ego_pose row holds it) and frame = the sample's LiDAR row.
LabelSet scene_labels(const Drive& drive, LabelSet labels, const nuscenes::WrittenDataset& written,
                      const nuscenes::SceneData& scene, int64_t& off_sample) {
  const Transform3d T_ego_lidar = drive.rigs.front().lidar()->T_ego_sensor;
  const SensorTimeline& sweeps = drive.timelines.at(drive.rigs.front().lidar()->name);
  std::vector<CuboidLabel> kept;
  for (CuboidLabel& label : labels.boxes) {
    const int64_t sample = written.sample_of_frame.at(size_t(label.frame));
    if (sample < 0) {
      ++off_sample;
      continue;
    }
    const DriveFrame& frame = drive.frames[size_t(label.frame)];
    const Transform3d T_world_ego = drive.pose_of(sweeps.samples.at(size_t(frame.lidar_sample)));
    const Transform3d T_world_labels = labels.frame == LabelFrame::World ? Transform3d{}
                                       : labels.frame == LabelFrame::Ego ? T_world_ego
                                                                         : T_world_ego * T_ego_lidar;
    label.box = transform_cuboid(T_world_labels, label.box);
    if (label.velocity) label.velocity = T_world_labels.R * *label.velocity;
    label.frame = int64_t(scene.samples.at(size_t(sample)).keyframes.at(scene.lidar_channel));
    label.timestamp_us = scene.samples[size_t(sample)].timestamp_us;
    kept.push_back(std::move(label));
  }
  labels.boxes = std::move(kept);
  labels.frame = LabelFrame::World;
  return labels;
}

// VERSION/image_annotations.json beside the written tables, from them, as the devkit's
// export_2d_annotations_as_json writes it (4-space indent, sorted keys).
void write_image_annotations(const nuscenes::SceneData& scene, const fs::path& dir) {
  const fs::path version = dir / scene.version;
  const auto table = [&](const char* name) {
    return nlohmann::json::parse(read_file_bytes(version / (std::string(name) + ".json")));
  };
  std::map<std::string, std::string> category_name, class_of_instance;
  for (const nlohmann::json& row : table("category")) category_name[row["token"]] = row["name"];
  for (const nlohmann::json& row : table("instance"))
    class_of_instance[row["token"]] = category_name[row["category_token"]];
  write_file_atomic(version / "image_annotations.json",
                    nuscenes_image_annotations(scene, table("sample_annotation"), class_of_instance).dump(4) + "\n");
}

}  // namespace

NuscenesExport export_nuscenes(const DriveReader& reader, const LabelSet& labels, Workspace& ws, const fs::path& dir) {
  NuscenesExport out;
  const LabelSet counted = with_evidence(reader, labels, ws);
  if (const auto* source = dynamic_cast<const NuscenesDrive*>(&reader)) {
    out.version = source->scene().version;
    out.applied = nuscenes::write_scene_labels(source->scene(), counted, dir);
    write_image_annotations(source->scene(), dir);
  } else {
    const nuscenes::WrittenDataset written = nuscenes::write_nuscenes_dataset(reader.drive(), reader, dir);
    // The written dataroot read back as nuScenes: the labels go in through the same writer, and
    // a table that does not hold together fails here rather than in the user's devkit.
    const nuscenes::SceneData scene = nuscenes::load_scene(dir, written.version, written.scene_name);
    int64_t off_sample = 0;
    out.applied =
        nuscenes::write_scene_labels(scene, scene_labels(reader.drive(), counted, written, scene, off_sample), dir);
    out.applied.off_sample += off_sample;
    write_image_annotations(scene, dir);
    out.version = written.version;
    out.new_dataset_samples = int64_t(scene.samples.size());
    out.notes = written.notes;
  }
  out.annotations = int64_t(labels.boxes.size()) - out.applied.off_sample;
  return out;
}

}  // namespace fuselabel
