#include "fusion/linear_interpolation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <tuple>

namespace fuselabel {
namespace {

double lerp_value(double a, double b, double s) { return a + s * (b - a); }

// The cuboid at parameter s in (0, 1) between keyframes a and b, component by component.
CuboidLabel interpolate(const CuboidLabel& a, const CuboidLabel& b, int64_t frame) {
  const double s = double(frame - a.frame) / double(b.frame - a.frame);
  CuboidLabel out;
  out.track_id = a.track_id;
  out.class_name = a.class_name;
  out.frame = frame;
  out.timestamp_us = a.timestamp_us + int64_t(std::llround(s * double(b.timestamp_us - a.timestamp_us)));
  out.box.center = lerp(a.box.center, b.box.center, s);
  out.box.size = lerp(a.box.size, b.box.size, s);
  // The raw angle, no wrap handling: this is the baseline's known weakness, kept on purpose.
  out.box.rotation = Quat<double>::from_yaw(lerp_value(box_yaw(a.box), box_yaw(b.box), s));
  out.source = LabelSource::Interpolated;
  out.confidence = 1.0;
  out.attributes = a.attributes;
  return out;
}

}  // namespace

double box_yaw(const Cuboidd& box) {
  const Mat3<double> R = box.rotation.to_matrix();
  return std::atan2(R(1, 0), R(0, 0));
}

LabelSet interpolate_linear(const LabelSet& keyframes) {
  LabelSet out;
  out.name = keyframes.name;
  out.taxonomy = keyframes.taxonomy;
  out.frame = keyframes.frame;
  out.tracks = keyframes.tracks;
  std::map<std::string, std::vector<const CuboidLabel*>> by_track;
  for (const CuboidLabel& label : keyframes.boxes) {
    if (label.track_id.empty())
      out.boxes.push_back(label);
    else
      by_track[label.track_id].push_back(&label);
  }
  for (auto& [track_id, labels] : by_track) {
    std::stable_sort(labels.begin(), labels.end(),
                     [](const CuboidLabel* a, const CuboidLabel* b) { return a->frame < b->frame; });
    for (size_t i = 0; i < labels.size(); ++i) {
      if (i > 0 && labels[i]->frame == labels[i - 1]->frame)
        throw std::invalid_argument("interpolate_linear: track " + track_id + " has two cuboids at frame " +
                                    std::to_string(labels[i]->frame));
      if (i > 0)
        for (int64_t f = labels[i - 1]->frame + 1; f < labels[i]->frame; ++f)
          out.boxes.push_back(interpolate(*labels[i - 1], *labels[i], f));
      out.boxes.push_back(*labels[i]);
    }
  }
  std::stable_sort(out.boxes.begin(), out.boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) {
    return std::tie(a.frame, a.track_id) < std::tie(b.frame, b.track_id);
  });
  return out;
}

}  // namespace fuselabel
