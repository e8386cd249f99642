// Label set JSON writer: fixed key order, one track or box per line, shortest round-trip
// numbers, boxes in the order LabelSet documents; so write -> read -> write is byte-identical.
#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

#include <nlohmann/json.hpp>

#include "io/common/atomic_file.h"
#include "io/native/native_drive.h"
#include "io/native/native_drive_text.h"

namespace fuselabel {
namespace {

std::string json_text(const std::string& s) { return nlohmann::json(s).dump(); }

std::string json_numbers(std::initializer_list<double> values) {
  std::string text = "[";
  for (const double v : values) text += (text.size() > 1 ? ", " : "") + format_double(v);
  return text + "]";
}

std::string track_json(const Track& t) {
  std::string attributes;
  for (const auto& [name, value] : t.attributes)
    attributes += (attributes.empty() ? "" : ", ") + json_text(name) + ": " + json_text(value);
  return "{\"track_id\": " + json_text(t.track_id) + ", \"class\": " + json_text(t.class_name) +
         ", \"attributes\": {" + attributes + "}}";
}

std::string box_json(const CuboidLabel& b) {
  const Quat<double> q = unit_quaternion_to_write(b.box.rotation);
  const Vec3<double>& c = b.box.center;
  const Vec3<double>& s = b.box.size;
  const std::string class_name = b.class_name.empty() ? "" : ", \"class\": " + json_text(b.class_name);
  return "{\"track_id\": " + json_text(b.track_id) + class_name + ", \"frame\": " + std::to_string(b.frame) +
         ", \"timestamp_us\": " + std::to_string(b.timestamp_us) + ", \"center\": " + json_numbers({c.x, c.y, c.z}) +
         ", \"size\": " + json_numbers({s.x, s.y, s.z}) + ", \"rotation\": " + json_numbers({q.w, q.x, q.y, q.z}) +
         ", \"source\": \"" + label_source_name(b.source) + "\", \"confidence\": " + format_double(b.confidence) + "}";
}

std::string box_2d_json(const ImageBoxLabel& b) {
  return "{\"track_id\": " + json_text(b.track_id) + ", \"camera\": " + json_text(b.camera) +
         ", \"timestamp_us\": " + std::to_string(b.timestamp_us) +
         ", \"box\": " + json_numbers({b.box.x1, b.box.y1, b.box.x2, b.box.y2}) + "}";
}

template <typename T, typename ToJson>
std::string json_array(const std::vector<T>& items, ToJson to_json) {
  if (items.empty()) return "[]";
  std::string text = "[\n";
  for (size_t i = 0; i < items.size(); ++i) text += "    " + to_json(items[i]) + (i + 1 < items.size() ? ",\n" : "\n");
  return text + "  ]";
}

// The writer refuses label sets whose structure its reader would reject.
void check_writable(const std::filesystem::path& file, const LabelSet& labels) {
  auto fail = [&](const std::string& why) { throw std::invalid_argument("cannot write " + file.string() + ": " + why); };
  if (labels.taxonomy.empty()) fail("the label set names no taxonomy");
  std::set<std::string> tracks;
  for (const Track& t : labels.tracks)
    if (t.track_id.empty() || t.class_name.empty() || !tracks.insert(t.track_id).second)
      fail("track ids must be unique and non-empty, classes non-empty ('" + t.track_id + "')");
  for (const CuboidLabel& b : labels.boxes)
    if (!tracks.count(b.track_id)) fail("a box names unknown track '" + b.track_id + "'");
  for (const ImageBoxLabel& b : labels.boxes_2d)
    if (!tracks.count(b.track_id)) fail("a 2D box names unknown track '" + b.track_id + "'");
}

}  // namespace

void write_label_set(const std::filesystem::path& file, const LabelSet& labels) {
  check_writable(file, labels);
  std::vector<CuboidLabel> boxes = labels.boxes;
  std::stable_sort(boxes.begin(), boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) {
    return std::tie(a.frame, a.track_id) < std::tie(b.frame, b.track_id);
  });
  std::vector<ImageBoxLabel> boxes_2d = labels.boxes_2d;
  std::stable_sort(boxes_2d.begin(), boxes_2d.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) {
    return std::tie(a.timestamp_us, a.camera, a.track_id) < std::tie(b.timestamp_us, b.camera, b.track_id);
  });
  const std::string text = "{\n  \"taxonomy\": " + json_text(labels.taxonomy) +
                           ",\n  \"tracks\": " + json_array(labels.tracks, track_json) +
                           ",\n  \"boxes\": " + json_array(boxes, box_json) +
                           ",\n  \"boxes_2d\": " + json_array(boxes_2d, box_2d_json) + "\n}\n";
  write_file_atomic(file, text);
}

}  // namespace fuselabel
