#pragma once
// A synthetic drive for the corruption tests (4 tracks over 20 LiDAR frames, 2D boxes in two
// cameras, some 3D boxes seen by no camera), a diff of two label sets computed without the
// injected-error list, and the differences the list claims, to compare the two.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "label_builders.h"
#include "sim/corruption.h"

namespace fuselabel::testing {

constexpr int64_t kFrames = 20;
constexpr int64_t kLidarStart = 1000000, kLidarPeriod = 100000, kCameraDelay = 20000;
inline int64_t lidar_time(int64_t frame) { return kLidarStart + kLidarPeriod * frame; }
inline int64_t camera_time(int64_t frame) { return lidar_time(frame) + kCameraDelay; }
// Independent of the library's nearest-frame search: cameras fire kCameraDelay after the LiDAR.
inline int64_t frame_of_camera_time(int64_t t) { return (t - kLidarStart - kCameraDelay) / kLidarPeriod; }

// A drive model of kFrames LiDAR frames and two cameras (no files: corruption reads none).
inline Drive synthetic_drive() {
  Drive drive;
  drive.name = "synthetic";
  Rig rig;
  rig.sensors.push_back({"LIDAR_TOP", SensorKind::Lidar, {}, std::nullopt, 10.0});
  SensorTimeline& lidar = drive.timelines["LIDAR_TOP"];
  for (int64_t f = 0; f < kFrames; ++f) {
    lidar.add({lidar_time(f), "lidar/" + std::to_string(f) + ".bin", {}, {}});
    drive.frames.push_back({std::to_string(f), lidar_time(f), 0, f, {}});
  }
  for (const char* name : {"CAM_FRONT", "CAM_LEFT"}) {
    CameraModeld model;
    model.width = 1600, model.height = 900, model.fx = model.fy = 1000, model.cx = 800, model.cy = 450;
    rig.sensors.push_back({name, SensorKind::Camera, {}, model, 10.0});
    SensorTimeline& camera = drive.timelines[name];
    for (int64_t f = 0; f < kFrames; ++f)
      camera.add({camera_time(f), std::string(name) + "/" + std::to_string(f) + ".jpg", {}, {}});
  }
  drive.rigs.push_back(std::move(rig));
  return drive;
}

struct SyntheticTrack {
  const char* id;
  const char* class_name;
  int64_t first, last;                         // labelled frames
  int64_t front_until, left_from, left_until;  // frames with a 2D box in CAM_FRONT / CAM_LEFT
};

// truck-1 is seen by no camera after frame 9; ped-1 only by CAM_LEFT.
inline const std::vector<SyntheticTrack> kSyntheticTracks = {
    {"car-1", "Car", 0, 19, 19, 0, 9},
    {"car-2", "Car", 0, 19, 19, 99, -1},
    {"ped-1", "Pedestrian", 3, 16, -1, 3, 16},
    {"truck-1", "Truck", 0, 19, 9, 99, -1},
};

inline LabelSet synthetic_truth() {
  LabelSet labels;
  labels.taxonomy = "test";
  for (size_t k = 0; k < kSyntheticTracks.size(); ++k)
    labels.tracks.push_back({kSyntheticTracks[k].id, kSyntheticTracks[k].class_name, {}});
  for (int64_t f = 0; f < kFrames; ++f)
    for (size_t k = 0; k < kSyntheticTracks.size(); ++k) {
      const SyntheticTrack& t = kSyntheticTracks[k];
      if (f < t.first || f > t.last) continue;
      CuboidLabel box;
      box.track_id = t.id;
      box.frame = f;
      box.timestamp_us = lidar_time(f);
      box.box.center = {10.0 + 7 * k + 0.9 * f, -6.0 + 4 * k - 0.05 * f, 0.8 + 0.1 * k};
      box.box.size = {4.5 - 0.8 * k, 1.9 - 0.2 * k, 1.6 + 0.1 * k};
      // Tilted a little so a flip about the box's own z axis differs from one about world z.
      box.box.rotation = Quat<double>::from_axis_angle({0.05 * k, 0.1, 1.0}, 0.2 * k + 0.01 * f);
      labels.boxes.push_back(box);
    }
  for (int64_t f = 0; f < kFrames; ++f)
    for (int c = 0; c < 2; ++c)
      for (size_t k = 0; k < kSyntheticTracks.size(); ++k) {
        const SyntheticTrack& t = kSyntheticTracks[k];
        const bool seen = c == 0 ? f <= t.front_until : (f >= t.left_from && f <= t.left_until);
        if (!seen || f < t.first || f > t.last) continue;
        const double x1 = 100 + 300.0 * k + 4 * f, y1 = 200 + 30.0 * c;
        labels.boxes_2d.push_back(
            track_box_2d(t.id, c == 0 ? "CAM_FRONT" : "CAM_LEFT", camera_time(f), {x1, y1, x1 + 120 + 2 * f, y1 + 90}));
      }
  // LabelSet order: (timestamp, camera, track).
  std::sort(labels.boxes_2d.begin(), labels.boxes_2d.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) {
    return std::tie(a.timestamp_us, a.camera, a.track_id) < std::tie(b.timestamp_us, b.camera, b.track_id);
  });
  return labels;
}

inline bool same_cuboid(const Cuboidd& a, const Cuboidd& b) { return std::memcmp(&a, &b, sizeof(Cuboidd)) == 0; }
inline bool same_box(const CuboidLabel& a, const CuboidLabel& b) {
  return same_cuboid(a.box, b.box) && a.class_name == b.class_name && a.timestamp_us == b.timestamp_us &&
         a.source == b.source && a.confidence == b.confidence;
}
inline bool same_box_2d(const Box2<double>& a, const Box2<double>& b) {
  return a.x1 == b.x1 && a.y1 == b.y1 && a.x2 == b.x2 && a.y2 == b.y2;
}

// One observed difference between truth and corrupted labels, keyed by the TRUE track.
struct Difference {
  std::string kind;  // box_shift yaw_flip size_change class_flip missing_3d missing_2d inconsistent_2d relabel other
  std::string track;
  int64_t frame = 0;
  std::string sensor;
  int64_t timestamp_us = 0;
  bool operator<(const Difference& o) const {
    return std::tie(kind, track, frame, sensor, timestamp_us) <
           std::tie(o.kind, o.track, o.frame, o.sensor, o.timestamp_us);
  }
  bool operator==(const Difference& o) const { return !(*this < o) && !(o < *this); }
};

// What changed in one box, when exactly one aspect did.
inline std::string classify_change(const CuboidLabel& truth, const CuboidLabel& corrupted) {
  const Cuboidd &a = truth.box, &b = corrupted.box;
  const bool center_xy = a.center.x != b.center.x || a.center.y != b.center.y;
  const bool center_z = a.center.z != b.center.z;
  const bool size = std::memcmp(&a.size, &b.size, sizeof a.size) != 0;
  const bool rotation = std::memcmp(&a.rotation, &b.rotation, sizeof a.rotation) != 0;
  const bool cls = truth.class_name != corrupted.class_name;
  const int changed = center_xy + center_z + size + rotation + cls;
  if (changed != 1) return "other";
  return center_xy ? "box_shift" : size ? "size_change" : rotation ? "yaw_flip" : cls ? "class_flip" : "other";
}

// Boxes are matched by (track, frame) / (track, camera, time); a corrupted box equal to another
// track's true box at the same time is a relabel of that track.
inline std::vector<Difference> observed_differences(const LabelSet& truth, const LabelSet& corrupted) {
  std::vector<Difference> out;
  std::map<std::pair<std::string, int64_t>, const CuboidLabel*> truth_3d;
  for (const CuboidLabel& b : truth.boxes) truth_3d[{b.track_id, b.frame}] = &b;
  std::map<std::pair<std::string, int64_t>, bool> explained;
  for (const CuboidLabel& c : corrupted.boxes) {
    const auto own = truth_3d.find({c.track_id, c.frame});
    if (own != truth_3d.end() && same_box(*own->second, c)) {
      explained[own->first] = true;
      continue;
    }
    const CuboidLabel* source = nullptr;
    for (const CuboidLabel& t : truth.boxes)
      if (t.frame == c.frame && t.track_id != c.track_id && same_box(t, c)) source = &t;
    if (source) {
      explained[{source->track_id, c.frame}] = true;
      out.push_back({"relabel", source->track_id, c.frame, "", c.timestamp_us});
    } else if (own != truth_3d.end()) {
      explained[own->first] = true;
      out.push_back({classify_change(*own->second, c), c.track_id, c.frame, "", c.timestamp_us});
    } else {
      out.push_back({"other", c.track_id, c.frame, "", c.timestamp_us});
    }
  }
  for (const CuboidLabel& t : truth.boxes)
    if (!explained.count({t.track_id, t.frame})) out.push_back({"missing_3d", t.track_id, t.frame, "", t.timestamp_us});

  using Key2D = std::tuple<std::string, std::string, int64_t>;
  std::map<Key2D, const ImageBoxLabel*> truth_2d;
  for (const ImageBoxLabel& b : truth.boxes_2d) truth_2d[{b.track_id, b.camera, b.timestamp_us}] = &b;
  std::map<Key2D, bool> explained_2d;
  for (const ImageBoxLabel& c : corrupted.boxes_2d) {
    const int64_t frame = frame_of_camera_time(c.timestamp_us);
    const auto own = truth_2d.find({c.track_id, c.camera, c.timestamp_us});
    if (own != truth_2d.end() && same_box_2d(own->second->box, c.box)) {
      explained_2d[own->first] = true;
      continue;
    }
    const ImageBoxLabel* source = nullptr;
    for (const ImageBoxLabel& t : truth.boxes_2d)
      if (t.timestamp_us == c.timestamp_us && t.camera == c.camera && t.track_id != c.track_id &&
          same_box_2d(t.box, c.box))
        source = &t;
    if (source) {
      explained_2d[{source->track_id, c.camera, c.timestamp_us}] = true;
      out.push_back({"relabel", source->track_id, frame, c.camera, c.timestamp_us});
    } else if (own != truth_2d.end()) {
      explained_2d[own->first] = true;
      out.push_back({"inconsistent_2d", c.track_id, frame, c.camera, c.timestamp_us});
    } else {
      out.push_back({"other", c.track_id, frame, c.camera, c.timestamp_us});
    }
  }
  for (const ImageBoxLabel& t : truth.boxes_2d)
    if (!explained_2d.count({t.track_id, t.camera, t.timestamp_us}))
      out.push_back({"missing_2d", t.track_id, frame_of_camera_time(t.timestamp_us), t.camera, t.timestamp_us});
  std::sort(out.begin(), out.end());
  return out;
}

// The differences each injected error accounts for, expanded from the records alone.
inline std::vector<Difference> expected_differences(const LabelSet& truth, const std::vector<InjectedError>& errors) {
  std::vector<Difference> out;
  for (const InjectedError& e : errors) {
    const std::string type = corruption_type_name(e.type);
    if (e.type == CorruptionType::ClassFlip) {
      for (const CuboidLabel& b : truth.boxes)
        if (b.track_id == e.track && b.frame >= e.frame && b.frame <= e.parameters.at("last_frame"))
          out.push_back({type, b.track_id, b.frame, "", b.timestamp_us});
    } else if (e.type == CorruptionType::IdSwitch) {
      for (const CuboidLabel& b : truth.boxes)
        if ((b.track_id == e.track || b.track_id == e.second_track) && b.frame >= e.frame)
          out.push_back({"relabel", b.track_id, b.frame, "", b.timestamp_us});
      for (const ImageBoxLabel& b : truth.boxes_2d) {
        const int64_t frame = frame_of_camera_time(b.timestamp_us);
        if ((b.track_id == e.track || b.track_id == e.second_track) && frame >= e.frame)
          out.push_back({"relabel", b.track_id, frame, b.camera, b.timestamp_us});
      }
    } else {
      out.push_back({type, e.track, e.frame, e.sensor, e.timestamp_us});
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace fuselabel::testing
