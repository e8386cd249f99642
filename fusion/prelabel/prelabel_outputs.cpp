#include "fusion/prelabel/prelabel_outputs.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>

#include "fusion/frame_inspection.h"
#include "io/common/atomic_file.h"
#include "io/kitti/kitti_levels.h"
#include "io/kitti/kitti_object.h"
#include "projection/cuboid_truncation.h"

namespace fuselabel {
namespace {

bool is_kitti_tracking(const DriveReader& reader) { return reader.format() == "kitti-tracking"; }

std::string point_file_bytes(const std::vector<uint32_t>& values) {
  std::string bytes(values.size() * 4, '\0');
  for (size_t i = 0; i < values.size(); ++i)
    for (int b = 0; b < 4; ++b) bytes[4 * i + b] = char((values[i] >> (8 * b)) & 0xff);
  return bytes;
}

// (track, camera, camera timestamp) of the 2D boxes a person drew, and the cuboids they belong to.
struct HumanBoxes {
  std::set<std::tuple<std::string, std::string, int64_t>> samples;
  std::set<std::string> cuboids;
  bool has(const CuboidLabel& c, const std::string& camera, int64_t t) const {
    return cuboids.count(c.id) || samples.count({c.track_id, camera, t});
  }
};

// KITTI's levels of a propagated cuboid from its projection into the camera.
void set_kitti_levels(CuboidLabel& label, const CameraView& camera, const Cuboidd& in_lidar, const CuboidInCamera& seen,
                      int32_t lidar_points) {
  if (label.source == LabelSource::Keyframe) return;
  const auto carried = label.attributes.find(kKittiTruncated);
  if (carried == label.attributes.end() || carried->second != "2")
    label.attributes[kKittiTruncated] =
        std::to_string(kitti_tracking_truncation_level(truncated_share(camera.model, camera.T_cam_lidar, in_lidar, seen.box)));
  if (lidar_points >= kMinPointsForVisibleShare)  // others carry their keyframe's level
    label.attributes[kKittiOccluded] = std::to_string(kitti_occlusion_level(1.0 - seen.visible_fraction));
}

}  // namespace

std::map<std::string, uint32_t> track_numbers(const PropagationReport& report) {
  std::map<std::string, uint32_t> numbers;
  for (size_t i = 0; i < report.tracks.size(); ++i) numbers[report.tracks[i].track_id] = uint32_t(i + 1);
  return numbers;
}

PrelabelCounts add_image_boxes_and_point_labels(const DriveReader& reader, Workspace& ws, PropagationResult& result,
                                                const std::filesystem::path& out_dir, size_t batch, Progress* progress) {
  PrelabelCounts counts;
  LabelSet& labels = result.labels;
  Drive drive = reader.drive();
  drive.labels = labels;
  std::unordered_map<std::string, size_t> label_of;
  for (size_t i = 0; i < labels.boxes.size(); ++i) label_of.emplace(labels.boxes[i].id, i);
  HumanBoxes human;
  for (const ImageBoxLabel& b : labels.boxes_2d) {
    if (!b.cuboid_id.empty()) human.cuboids.insert(b.cuboid_id);
    human.samples.insert({b.track_id, b.camera, b.timestamp_us});
  }
  const std::map<std::string, uint32_t> numbers = track_numbers(result.report);
  std::vector<bool> seen_by_a_camera(labels.boxes.size(), false);
  const bool kitti = is_kitti_tracking(reader);
  std::vector<size_t> all_frames(drive.frames.size());
  for (size_t f = 0; f < all_frames.size(); ++f) all_frames[f] = f;
  const int64_t frames = static_cast<int64_t>(all_frames.size());
  int64_t inspected = 0;
  report_progress(progress, "inspect", 0, frames, "frames");
  inspect_drive_frames(ws, drive, reader, all_frames, batch, [&](const FrameData& frame, const FrameInspection& inspection) {
    report_progress(progress, "inspect", ++inspected, frames, "frames");
    for (size_t b = 0; b < frame.cuboids.size(); ++b) {
      const size_t index = label_of.at(frame.cuboids[b].id);
      CuboidLabel& label = labels.boxes[index];
      for (size_t c = 0; c < frame.cameras.size(); ++c) {
        const auto& seen = inspection.cuboids[b].cameras[c];
        if (!seen) continue;
        seen_by_a_camera[index] = true;
        const CameraView& camera = frame.cameras[c];
        if (kitti) set_kitti_levels(label, camera, inspection.cuboids_in_lidar[b], *seen, inspection.cuboids[b].num_lidar_pts);
        if (human.has(label, camera.sensor, camera.timestamp_us) || label.track_id.empty()) continue;
        ImageBoxLabel box;
        box.id = label.id + ":" + camera.sensor;
        box.track_id = label.track_id;
        box.camera = camera.sensor;
        box.timestamp_us = camera.timestamp_us;
        box.box = seen->box;
        box.cuboid_id = label.id;
        box.frame = label.frame;
        labels.boxes_2d.push_back(box);
        ++counts.image_boxes_added;
      }
    }
    if (!frame.lidar) return;
    std::vector<uint32_t> owner(inspection.lidar_point_cuboid.size(), 0);
    for (size_t p = 0; p < owner.size(); ++p) {
      const int32_t b = inspection.lidar_point_cuboid[p];
      if (b < 0) continue;
      const auto number = numbers.find(frame.cuboids[b].track_id);
      if (number == numbers.end()) continue;
      owner[p] = number->second;
      ++counts.labelled_points;
    }
    write_file_atomic(out_dir / "points" / (frame.id + ".bin"), point_file_bytes(owner));
    ++counts.point_files;
  });
  for (size_t i = 0; i < labels.boxes.size(); ++i) counts.cuboids_outside_cameras += !seen_by_a_camera[i];
  std::stable_sort(labels.boxes_2d.begin(), labels.boxes_2d.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) {
    return std::tie(a.timestamp_us, a.camera, a.track_id) < std::tie(b.timestamp_us, b.camera, b.track_id);
  });
  return counts;
}

void write_prelabel_labels(const DriveReader& reader, const LabelSet& labels, const std::filesystem::path& out_dir) {
  LabelSet out = labels;
  out.name = "prelabel";
  if (is_kitti_tracking(reader)) {
    std::set<std::string> with_box;
    for (const ImageBoxLabel& b : out.boxes_2d) with_box.insert(b.cuboid_id);
    out.boxes.erase(std::remove_if(out.boxes.begin(), out.boxes.end(),
                                   [&](const CuboidLabel& c) { return !with_box.count(c.id); }),
                    out.boxes.end());
    std::stable_sort(out.boxes_2d.begin(), out.boxes_2d.end(),
                     [](const ImageBoxLabel& a, const ImageBoxLabel& b) { return a.frame < b.frame; });
  }
  reader.write_labels(out, out_dir);
}

}  // namespace fuselabel
