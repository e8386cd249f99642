#include "sim/drive_labels.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "projection/cuboid_projection.h"
#include "projection/pose_interpolation.h"

namespace fuselabel {
namespace {

double distance(Vec3<double> a, Vec3<double> b) {
  const Vec3<double> d = a - b;
  return std::sqrt(dot(d, d));
}

}  // namespace

std::vector<CuboidLabel> frame_boxes(const SimDriveWorld& world, int64_t frame, int64_t timestamp_us, double t,
                                  Vec3<double> sensor_world, double range) {
  std::vector<CuboidLabel> boxes;
  for (int a : world.actors_near(t, t, range)) {
    const SimDriveActor& actor = world.actors[a];
    if (!actor.exists(t)) continue;
    const Cuboidd box = actor_state(actor, t).box;
    if (distance(box.center, sensor_world) > range) continue;
    CuboidLabel label;
    label.track_id = actor.track_id;
    label.frame = frame;
    label.timestamp_us = timestamp_us;
    label.box = box;
    boxes.push_back(label);
  }
  std::sort(boxes.begin(), boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) { return a.track_id < b.track_id; });
  return boxes;
}

std::vector<ImageBoxLabel> image_boxes(const SimDriveWorld& world, const std::string& camera_name,
                                    const CameraModeld& camera, const Transform3d& T_cam_world, double t_true,
                                    int64_t timestamp_us, const std::vector<std::pair<int32_t, int64_t>>& pixel_counts,
                                    int64_t min_pixels, double range) {
  const Vec3<double> camera_world = T_cam_world.inverse().t;
  std::vector<ImageBoxLabel> boxes;
  for (const auto& [actor_index, pixels] : pixel_counts) {
    if (pixels < min_pixels) continue;
    const SimDriveActor& actor = world.actors[actor_index];
    const Cuboidd box = actor_state(actor, t_true).box;
    ImageBoxLabel label;
    if (distance(box.center, camera_world) > range || !project_cuboid_box(camera, T_cam_world, box, label.box)) continue;
    label.track_id = actor.track_id;
    label.camera = camera_name;
    label.timestamp_us = timestamp_us;
    boxes.push_back(label);
  }
  std::sort(boxes.begin(), boxes.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) { return a.track_id < b.track_id; });
  return boxes;
}

std::vector<Track> referenced_tracks(const SimDriveWorld& world, const std::vector<CuboidLabel>& boxes,
                                         const std::vector<ImageBoxLabel>& boxes_2d) {
  std::set<std::string> ids;
  for (const CuboidLabel& b : boxes) ids.insert(b.track_id);
  for (const ImageBoxLabel& b : boxes_2d) ids.insert(b.track_id);
  std::map<std::string, const SimDriveActor*> by_id;
  for (const SimDriveActor& actor : world.actors) by_id[actor.track_id] = &actor;
  std::vector<Track> tracks;
  for (const std::string& id : ids) {
    const SimDriveActor& actor = *by_id.at(id);
    tracks.push_back({id, actor.class_name, {{"role", actor_role_name(actor.role)}}});
  }
  return tracks;
}

LabelSet keyframe_labels(const SimDriveWorld& world, const LabelSet& ground_truth, int keyframe_interval,
                         const std::vector<int64_t>& lidar_times,
                         const std::vector<std::pair<std::string, std::vector<int64_t>>>& camera_times) {
  LabelSet out;
  out.taxonomy = ground_truth.taxonomy;
  for (const CuboidLabel& b : ground_truth.boxes)
    if (b.frame % keyframe_interval == 0) out.boxes.push_back(b);
  std::set<std::pair<std::string, int64_t>> images;  // (camera, recorded timestamp) of keyframe images
  for (const auto& [camera, times] : camera_times) {
    if (times.empty()) continue;
    // The nearest image within a camera period (the longest gap between its images).
    int64_t window = times.size() > 1 ? 0 : std::numeric_limits<int64_t>::max() / 4;
    for (size_t i = 1; i < times.size(); ++i) window = std::max(window, times[i] - times[i - 1]);
    for (size_t f = 0; f < lidar_times.size(); f += keyframe_interval) {
      const int64_t i = nearest_timestamp(times, lidar_times[f], window);
      if (i >= 0) images.insert({camera, times[i]});
    }
  }
  for (const ImageBoxLabel& b : ground_truth.boxes_2d)
    if (images.count({b.camera, b.timestamp_us})) out.boxes_2d.push_back(b);
  out.tracks = referenced_tracks(world, out.boxes, out.boxes_2d);
  return out;
}

}  // namespace fuselabel
