#pragma once
// Labels, independent of format: tracks, per-frame cuboids and per-camera 2D boxes. One cuboid
// type and one track type serve every reader, writer, the simulator, the corruption and the
// frame view.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "projection/cuboid.h"
#include "projection/polygon.h"

namespace fuselabel {

enum class LabelSource { Keyframe, Interpolated, Extrapolated, Refined };
const char* label_source_name(LabelSource source);  // "keyframe", "interpolated", ...
// Throws std::invalid_argument for an unknown name.
LabelSource parse_label_source(const std::string& name);

// The frame a label set's cuboids are expressed in.
enum class LabelFrame {
  Lidar,  // the LiDAR frame of each frame's sweep (KITTI: converted from the rectified camera)
  Ego,    // the ego frame at each frame's timestamp
  World,  // the drive's world frame (needs ego poses)
};
const char* label_frame_name(LabelFrame frame);  // "lidar", "ego", "world"

struct Track {
  std::string track_id;
  std::string class_name;
  std::map<std::string, std::string> attributes;  // properties of the whole track
};

// A 3D label: one cuboid of a track (or an untracked object) at one frame.
struct CuboidLabel {
  std::string id;        // the label's own identity in its format (KITTI "frame:line", nuScenes token)
  std::string track_id;  // empty when the format has no tracks
  // In a LabelSet: empty means the track's class (set where this frame's label names another:
  // KITTI tracking has a class per line, a corruption class flip writes one). In a frame view:
  // always the class.
  std::string class_name;
  int64_t frame = 0;  // index into Drive::frames
  int64_t timestamp_us = 0;
  Cuboidd box;  // in LabelSet::frame
  LabelSource source = LabelSource::Keyframe;
  double confidence = 1.0;
  std::optional<Vec3<double>> velocity;  // m/s in LabelSet::frame, where the format has one
  // Per-frame properties (nuScenes attributes and counts); in a frame view also the track's.
  std::map<std::string, std::string> attributes;
};

// A 2D label in one camera image, optionally linked to a track or to the cuboid it was drawn with.
struct ImageBoxLabel {
  std::string id;
  std::string track_id;
  std::string class_name;  // empty in a LabelSet: the track's class
  std::string camera;
  int64_t timestamp_us = 0;  // of the camera sample
  Box2<double> box;          // x1 y1 x2 y2 in pixels
  std::string cuboid_id;     // the CuboidLabel drawn with this box (KITTI's lines hold both)
  // The frame the box belongs to where the format says so (KITTI); -1: the frame whose camera
  // sample has timestamp_us.
  int64_t frame = -1;
};

struct LabelSet {
  std::string name;      // e.g. ground_truth, keyframes, label_2
  std::string taxonomy;  // e.g. "kitti", "nuscenes-v1.0", "fuselabel-sim-v1"
  LabelFrame frame = LabelFrame::World;
  std::vector<Track> tracks;
  std::vector<CuboidLabel> boxes;      // sorted by frame (then track_id where the format has tracks)
  std::vector<ImageBoxLabel> boxes_2d;  // sorted by timestamp_us (then camera, track_id)

  // nullptr for an empty or unknown id.
  const Track* track(const std::string& track_id) const;
  // The class of a label: its own, else its track's.
  std::string class_of(const CuboidLabel& label) const;
  std::string class_of(const ImageBoxLabel& label) const;
};

}  // namespace fuselabel
