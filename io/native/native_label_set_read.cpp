// Label set JSON (docs/native-drive.md): strict reading, every error naming the file and the
// JSON path of the value ("boxes[12].size").
#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include "io/common/input_limits.h"
#include "io/common/json_field.h"
#include "io/native/native_drive.h"
#include "io/native/native_drive_text.h"
#include "model/coordinate_ranges.h"

namespace fuselabel {
namespace {

Track read_track(const JsonField& f) {
  f.expect_object({"track_id", "class", "attributes"});
  Track track{f.required("track_id").text(), f.required("class").text(), {}};
  if (!f.has("attributes")) return track;
  const JsonField attributes = f.at("attributes");
  if (!attributes.value.is_object()) attributes.fail("expected an object of names to strings");
  for (const std::string& name : attributes.keys()) track.attributes[name] = attributes.at(name).string();
  return track;
}

// The items of the label array `key`, counted against the label limit before any is read.
std::vector<JsonField> label_items(const JsonField& doc, const char* key) {
  const JsonField array = doc.required(key);
  if (array.value.is_array()) check_label_count(int64_t(array.value.size()), array.file, array.path);
  return array.items();
}

std::string known_track(const JsonField& f, const std::map<std::string, size_t>& tracks) {
  const JsonField id = f.required("track_id");
  const std::string track_id = id.text();
  if (!tracks.count(track_id)) id.fail("unknown track id '" + track_id + "' (not in tracks)");
  return track_id;
}

CuboidLabel read_box(const JsonField& f, const std::map<std::string, size_t>& tracks) {
  f.expect_object({"track_id", "class", "frame", "timestamp_us", "center", "size", "rotation", "source", "confidence"});
  CuboidLabel box;
  box.track_id = known_track(f, tracks);
  if (f.has("class")) box.class_name = f.at("class").text();
  box.frame = f.required("frame").integer_at_least(0);
  box.timestamp_us = f.required("timestamp_us").integer();
  const std::vector<double> c = f.required("center").checked_numbers(3, coordinate_problem);
  box.box.center = {c[0], c[1], c[2]};
  const std::vector<double> s = f.required("size").checked_numbers(3, box_size_problem);
  box.box.size = {s[0], s[1], s[2]};
  const JsonField rotation = f.required("rotation");
  const std::vector<double> r = rotation.numbers(4);
  const Quat<double> q{r[0], r[1], r[2], r[3]};
  if (!is_near_unit(q)) rotation.fail("not a unit quaternion [w, x, y, z] (norm " + format_double(q.norm()) + ", tolerance 1e-6)");
  box.box.rotation = unit_quaternion_as_read(q);
  if (f.has("source")) {
    const JsonField source = f.at("source");
    try {
      box.source = parse_label_source(source.text());
    } catch (const std::invalid_argument& e) {
      source.fail(e.what());
    }
  }
  if (f.has("confidence")) {
    const JsonField confidence = f.at("confidence");
    box.confidence = confidence.number();
    if (!(box.confidence >= 0 && box.confidence <= 1)) confidence.fail("must be between 0 and 1");
  }
  return box;
}

ImageBoxLabel read_box_2d(const JsonField& f, const std::map<std::string, size_t>& tracks) {
  f.expect_object({"track_id", "camera", "timestamp_us", "box"});
  ImageBoxLabel box;
  box.track_id = known_track(f, tracks);
  box.camera = f.required("camera").text();
  box.timestamp_us = f.required("timestamp_us").integer();
  const JsonField box_field = f.required("box");
  const std::vector<double> b = box_field.checked_numbers(4, coordinate_problem);
  if (!(b[2] >= b[0] && b[3] >= b[1])) box_field.fail("expected [x1, y1, x2, y2] with x2 >= x1 and y2 >= y1");
  box.box = {b[0], b[1], b[2], b[3]};
  return box;
}

// Frames and camera samples the labels refer to must exist in the drive, at the same time.
// False: the box's frame is a LiDAR row the reader left out (timing faults kept), and so is the
// box; else box.frame becomes the index of the frame (the same but where rows were left out).
bool check_against_drive(const JsonField& f, CuboidLabel& box, const NativeDrive& drive) {
  const NativeSensor& lidar = drive.lidar();
  const std::vector<NativeSample>& sweeps = lidar.samples;
  const size_t rows = lidar.row_samples.empty() ? sweeps.size() : lidar.row_samples.size();
  if (box.frame >= int64_t(rows))
    f.at("frame").fail("no such LiDAR frame (the drive has " + std::to_string(rows) + ")");
  const int64_t sweep = lidar.row_samples.empty() ? box.frame : lidar.row_samples[size_t(box.frame)];
  if (sweep < 0) return false;
  if (box.timestamp_us != sweeps[size_t(sweep)].timestamp_us)
    f.at("timestamp_us")
        .fail(std::to_string(box.timestamp_us) + " is not the time of LiDAR frame " + std::to_string(box.frame) + " (" +
              std::to_string(sweeps[size_t(sweep)].timestamp_us) + ")");
  box.frame = sweep;
  return true;
}

// False: the box is at the time of a camera sample the reader left out (and of none it kept).
bool check_against_drive(const JsonField& f, const ImageBoxLabel& box, const NativeDrive& drive) {
  std::string cameras;
  for (const NativeSensor& s : drive.sensors) {
    if (s.kind != SensorKind::Camera) continue;
    if (s.name == box.camera) {
      const auto at = std::lower_bound(s.samples.begin(), s.samples.end(), box.timestamp_us,
                                       [](const NativeSample& a, int64_t t) { return a.timestamp_us < t; });
      if (at != s.samples.end() && at->timestamp_us == box.timestamp_us) return true;
      for (const TimingFault& fault : drive.timing_faults)
        if (fault.sensor == s.name && fault.timestamp_us == box.timestamp_us) return false;
      f.at("timestamp_us").fail("camera " + box.camera + " has no sample at " + std::to_string(box.timestamp_us));
    }
    cameras += (cameras.empty() ? "" : ", ") + s.name;
  }
  f.at("camera").fail("no camera named '" + box.camera + "' in the drive (cameras: " + cameras + ")");
}

LabelSet read_labels(const std::filesystem::path& file, const NativeDrive* drive) {
  const nlohmann::json json = parse_json_file(file);
  const JsonField doc{file, json, ""};
  doc.expect_object({"taxonomy", "tracks", "boxes", "boxes_2d"});
  LabelSet labels;
  labels.taxonomy = doc.required("taxonomy").text();
  std::map<std::string, size_t> tracks;
  for (const JsonField& f : doc.required("tracks").items()) {
    labels.tracks.push_back(read_track(f));
    if (!tracks.emplace(labels.tracks.back().track_id, tracks.size()).second)
      f.at("track_id").fail("duplicate track id '" + labels.tracks.back().track_id + "'");
  }
  std::map<std::pair<std::string, int64_t>, std::string> box_at;
  for (const JsonField& f : label_items(doc, "boxes")) {
    CuboidLabel b = read_box(f, tracks);
    const int64_t frame = b.frame;                    // as the file numbers it
    b.id = b.track_id + ":" + std::to_string(frame);  // the format's label identity: a track at a frame
    const bool kept = !drive || check_against_drive(f, b, *drive);
    const auto [it, added] = box_at.emplace(std::make_pair(b.track_id, frame), f.path);
    if (!added)
      f.fail("a second box of track '" + b.track_id + "' in frame " + std::to_string(frame) + " (first: " + it->second +
             ")");
    if (kept) labels.boxes.push_back(std::move(b));
  }
  std::map<std::tuple<std::string, std::string, int64_t>, std::string> box_2d_at;
  for (const JsonField& f : label_items(doc, "boxes_2d")) {
    ImageBoxLabel b = read_box_2d(f, tracks);
    const bool kept = !drive || check_against_drive(f, b, *drive);
    const auto [it, added] = box_2d_at.emplace(std::make_tuple(b.track_id, b.camera, b.timestamp_us), f.path);
    if (!added)
      f.fail("a second 2D box of track '" + b.track_id + "' in this camera image (first: " + it->second + ")");
    if (kept) labels.boxes_2d.push_back(std::move(b));
  }
  std::sort(labels.boxes.begin(), labels.boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) {
    return std::tie(a.frame, a.track_id) < std::tie(b.frame, b.track_id);
  });
  std::sort(labels.boxes_2d.begin(), labels.boxes_2d.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) {
    return std::tie(a.timestamp_us, a.camera, a.track_id) < std::tie(b.timestamp_us, b.camera, b.track_id);
  });
  // The format's label identity of a track in one camera image.
  for (ImageBoxLabel& b : labels.boxes_2d) b.id = b.track_id + ":" + b.camera + ":" + std::to_string(b.timestamp_us);
  return labels;
}

}  // namespace

LabelSet read_label_set(const std::filesystem::path& file) { return read_labels(file, nullptr); }

LabelSet read_label_set(const std::filesystem::path& file, const NativeDrive& drive) { return read_labels(file, &drive); }

}  // namespace fuselabel
