#pragma once
// Short builders for the model's labels in tests: a track's cuboid at a frame, a track's 2D box
// in a camera image (the positional shapes the native format stores).
#include <string>

#include "model/labels.h"

namespace fuselabel {

inline CuboidLabel track_box(const std::string& track_id, int64_t frame, int64_t timestamp_us, const Cuboidd& box,
                             LabelSource source = LabelSource::Keyframe, double confidence = 1.0,
                             const std::string& class_name = "") {
  CuboidLabel label;
  label.track_id = track_id;
  label.frame = frame;
  label.timestamp_us = timestamp_us;
  label.box = box;
  label.source = source;
  label.confidence = confidence;
  label.class_name = class_name;
  return label;
}

inline ImageBoxLabel track_box_2d(const std::string& track_id, const std::string& camera, int64_t timestamp_us,
                                  const Box2<double>& box) {
  ImageBoxLabel label;
  label.track_id = track_id;
  label.camera = camera;
  label.timestamp_us = timestamp_us;
  label.box = box;
  return label;
}

}  // namespace fuselabel
