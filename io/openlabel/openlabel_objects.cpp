#include "io/openlabel/openlabel_objects.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <tuple>

#include "io/native/native_drive_text.h"
#include "io/openlabel/openlabel_transform.h"
#include "model/coordinate_ranges.h"
#include "projection/cuboid_axes.h"

namespace fuselabel {
namespace {

// KITTI's ignore regions, as the reference implementation converts them: 2D only.
constexpr const char* kDontCare = "DontCare";

const std::initializer_list<const char*> kObjectDataKeys = {
    "area_reference", "bbox", "binary", "boolean", "cuboid", "image", "line_reference", "mat", "mesh",
    "num", "point2d", "point3d", "poly2d", "poly3d", "rbbox", "text", "vec"};

struct ObjectInfo {
  std::string track_id, type, coordinate_system;
  std::map<std::string, std::string> attributes;  // static num / text / boolean
  bool tracked = true;  // false: each label is its own untracked object (static boolean "tracked")
  bool labelled = false;
  bool dont_care() const { return type == kDontCare; }
};

// The value of a num, text or boolean element as attribute text; nullopt for one without a
// name (nothing to key it by).
std::optional<std::pair<std::string, std::string>> attribute(const JsonField& f, const char* kind) {
  if (!f.has("name")) return std::nullopt;
  const std::string name = f.at("name").text();
  const JsonField val = f.required("val");
  if (std::string(kind) == "num") return std::make_pair(name, format_double(val.number()));
  if (std::string(kind) == "text") return std::make_pair(name, val.string());
  if (!val.value.is_boolean()) val.fail("expected true or false");
  return std::make_pair(name, std::string(val.value.get<bool>() ? "true" : "false"));
}

// Named num, text and boolean elements of an object_data (or an attributes) object.
void read_attributes(const JsonField& data, std::map<std::string, std::string>& out) {
  for (const char* kind : {"num", "text", "boolean"})
    if (data.has(kind))
      for (const JsonField& item : data.at(kind).items())
        if (const auto entry = attribute(item, kind)) out[entry->first] = entry->second;
}

std::map<std::string, ObjectInfo> read_objects(const JsonField& root) {
  std::map<std::string, ObjectInfo> objects;
  if (!root.has("objects")) return objects;
  const JsonField all = root.at("objects");
  std::set<std::string> track_ids;
  for (const std::string& uid : all.keys()) {
    const JsonField f = all.at(uid);
    f.expect_object({"name", "type", "frame_intervals", "object_data", "object_data_pointers", "coordinate_system",
                     "ontology_uid", "resource_uid"});
    ObjectInfo info;
    info.type = f.required("type").text();
    info.track_id = uid;
    if (f.has("coordinate_system")) info.coordinate_system = f.at("coordinate_system").text();
    if (f.has("object_data")) {
      const JsonField data = f.at("object_data");
      data.expect_object(kObjectDataKeys);
      read_attributes(data, info.attributes);
      const auto track = info.attributes.find("track_id");
      if (track != info.attributes.end()) {
        if (track->second.empty()) data.fail("text track_id is empty");
        info.track_id = track->second;
        info.attributes.erase(track);
      }
      const auto tracked = info.attributes.find("tracked");
      if (tracked != info.attributes.end()) {
        info.tracked = tracked->second != "false";
        info.attributes.erase(tracked);
      }
    }
    if (info.tracked && !info.dont_care() && !track_ids.insert(info.track_id).second)
      f.fail("track id '" + info.track_id + "' is also another object's");
    objects.emplace(uid, std::move(info));
  }
  return objects;
}

std::string coordinate_system_of(const JsonField& element, const ObjectInfo& object, const OpenLabelObjectContext& c) {
  if (element.has("coordinate_system")) return element.at("coordinate_system").text();
  if (!object.coordinate_system.empty()) return object.coordinate_system;
  if (!c.no_coordinate_systems) element.fail("no coordinate_system (on the element or its object)");
  return "";
}

// The cuboid in the label set's frame, its axes turned so that local z is up.
Cuboidd read_cuboid(const JsonField& val, const Transform3d& T_labels_cs) {
  if (!val.value.is_array() || (val.value.size() != 9 && val.value.size() != 10))
    val.fail("expected 9 numbers (x, y, z, rx, ry, rz, sx, sy, sz) or 10 (x, y, z, qx, qy, qz, qw, sx, sy, sz)");
  const std::vector<double> v = val.numbers(val.value.size());
  const size_t s = v.size() == 10 ? 7 : 6;  // where the sizes start
  for (size_t i = 0; i < 3; ++i) {
    if (!coordinate_problem(v[i]).empty()) val.fail("position " + std::to_string(i) + ": " + coordinate_problem(v[i]));
    if (!box_size_problem(v[s + i]).empty()) val.fail("size " + std::to_string(i) + ": " + box_size_problem(v[s + i]));
  }
  Mat3<double> R_cs_box;
  if (v.size() == 10) {
    const Quat<double> q{v[6], v[3], v[4], v[5]};  // stored (x, y, z, w)
    if (!(std::abs(q.norm() - 1) <= kOpenLabelRotationTolerance))
      val.fail("(qx, qy, qz, qw) is not a unit quaternion (norm " + format_double(q.norm()) + ", tolerance 1e-3)");
    R_cs_box = q.normalized().to_matrix();
  } else {
    R_cs_box = rotation_from_xyz_angles(v[3], v[4], v[5]);
  }
  return z_up_cuboid(T_labels_cs * Vec3<double>{v[0], v[1], v[2]}, T_labels_cs.R * R_cs_box,
                     Vec3<double>{v[s], v[s + 1], v[s + 2]});
}

void read_cuboid_attributes(const JsonField& cuboid, CuboidLabel& label) {
  if (!cuboid.has("attributes")) return;
  const JsonField f = cuboid.at("attributes");
  std::map<std::string, std::string> attributes;
  read_attributes(f, attributes);
  if (f.has("vec"))
    for (const JsonField& vec : f.at("vec").items())
      if (vec.has("name") && vec.at("name").string() == "velocity") {
        const std::vector<double> v = vec.required("val").numbers(3);
        label.velocity = Vec3<double>{v[0], v[1], v[2]};
      }
  for (const auto& [name, value] : attributes) {
    if (name == "source") {
      try {
        label.source = parse_label_source(value);
      } catch (const std::invalid_argument& e) {
        cuboid.at("attributes").fail(std::string("text source: ") + e.what());
      }
    } else if (name == "label_id") {
      if (!value.empty()) label.id = value;
    } else if (name == "confidence") {
      label.confidence = std::stod(value);
      if (!(label.confidence >= 0 && label.confidence <= 1))
        cuboid.at("attributes").fail("num confidence must be between 0 and 1");
    } else {
      label.attributes[name] = value;
    }
  }
}

Box2<double> read_bbox(const JsonField& val) {
  const std::vector<double> v = val.checked_numbers(4, coordinate_problem);
  if (!(v[2] >= 0 && v[3] >= 0)) val.fail("width and height (values 3 and 4) must not be negative");
  return {v[0] - v[2] / 2, v[1] - v[3] / 2, v[0] + v[2] / 2, v[1] + v[3] / 2};
}

std::string camera_of(const JsonField& bbox, const ObjectInfo& object, const OpenLabelObjectContext& c) {
  std::string camera;
  if (bbox.has("coordinate_system") || !object.coordinate_system.empty()) {
    camera = coordinate_system_of(bbox, object, c);
  } else {
    for (const Sensor& s : c.rig.sensors)
      if (s.camera) {
        if (!camera.empty()) bbox.fail("no coordinate_system, and the file has several cameras");
        camera = s.name;
      }
    if (camera.empty()) bbox.fail("a 2D box, but the file declares no camera stream");
  }
  const Sensor* sensor = c.rig.find(camera);
  if (!sensor || !sensor->camera) bbox.fail("coordinate_system '" + camera + "' is not a camera stream");
  return camera;
}

// One object's data in one frame.
void read_frame_object(const JsonField& data, const std::string& uid, ObjectInfo& object, size_t f,
                       const OpenLabelObjectContext& c, LabelSet& set) {
  data.expect_object(kObjectDataKeys);
  const OpenLabelFrameInfo& frame = c.frames[f];
  const std::string key = std::to_string(frame.number);
  std::optional<CuboidLabel> cuboid;
  if (data.has("cuboid") && !object.dont_care())
    for (const JsonField& item : data.at("cuboid").items()) {
      const JsonField val = item.required("val");
      if (val.value.is_null()) continue;
      if (cuboid) item.fail("a second cuboid of object " + uid + " in this frame (fuselabel holds one per object and frame)");
      CuboidLabel label;
      label.id = key + ":" + uid;
      label.track_id = object.tracked ? object.track_id : "";
      if (!object.tracked) label.class_name = object.type;
      label.frame = int64_t(f);
      label.timestamp_us = frame.timestamp_us;
      const Transform3d T_labels_cs = c.place(coordinate_system_of(item, object, c), f, val);
      label.box = read_cuboid(val, T_labels_cs);
      read_attributes(data, label.attributes);
      const auto own_class = label.attributes.find("class");  // a frame naming another class than the object's
      if (own_class != label.attributes.end()) {
        label.class_name = own_class->second;
        label.attributes.erase(own_class);
      }
      read_cuboid_attributes(item, label);
      if (label.velocity) label.velocity = T_labels_cs.R * *label.velocity;  // given in the cuboid's system
      cuboid = std::move(label);
    }
  std::set<std::string> cameras;
  if (data.has("bbox"))
    for (const JsonField& item : data.at("bbox").items()) {
      ImageBoxLabel box;
      box.camera = camera_of(item, object, c);
      const std::string name = item.has("name") ? item.at("name").string() : std::to_string(cameras.size());
      if (!object.dont_care() && !cameras.insert(box.camera).second)
        item.fail("a second 2D box of object " + uid + " in camera " + box.camera + " in this frame");
      box.id = key + ":" + uid + ":" + name;
      box.track_id = object.dont_care() || !object.tracked ? "" : object.track_id;
      box.class_name = object.dont_care() || !object.tracked ? object.type : "";
      if (!object.tracked && cuboid) box.cuboid_id = cuboid->id;
      const auto stream_time = frame.stream_timestamps_us.find(box.camera);
      box.timestamp_us = stream_time == frame.stream_timestamps_us.end() ? frame.timestamp_us : stream_time->second;
      box.box = read_bbox(item.required("val"));
      if (item.has("attributes")) {
        std::map<std::string, std::string> attributes;
        read_attributes(item.at("attributes"), attributes);
        const auto id = attributes.find("label_id");
        if (id != attributes.end() && !id->second.empty()) box.id = id->second;
      }
      box.frame = int64_t(f);
      set.boxes_2d.push_back(std::move(box));
      object.labelled = object.labelled || !object.dont_care();
    }
  if (cuboid) {
    object.labelled = true;
    set.boxes.push_back(std::move(*cuboid));
  }
}

}  // namespace

LabelSet read_openlabel_objects(const JsonField& root, const OpenLabelObjectContext& c) {
  LabelSet set;
  std::map<std::string, ObjectInfo> objects = read_objects(root);
  if (root.at("metadata").has("taxonomy")) set.taxonomy = root.at("metadata").at("taxonomy").string();
  const JsonField frames = root.at("frames");
  for (size_t f = 0; f < c.frames.size(); ++f) {
    const JsonField frame = frames.at(std::to_string(c.frames[f].number));
    if (!frame.has("objects")) continue;
    const JsonField in_frame = frame.at("objects");
    for (const std::string& uid : in_frame.keys()) {
      const JsonField entry = in_frame.at(uid);
      const auto object = objects.find(uid);
      if (object == objects.end()) entry.fail("object " + uid + " is not declared in openlabel.objects");
      entry.expect_object({"object_data"});
      if (entry.has("object_data")) read_frame_object(entry.at("object_data"), uid, object->second, f, c, set);
    }
  }
  for (const auto& [uid, object] : objects)
    if (object.labelled && object.tracked) set.tracks.push_back({object.track_id, object.type, object.attributes});
  std::stable_sort(set.boxes.begin(), set.boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) {
    return std::tie(a.frame, a.track_id) < std::tie(b.frame, b.track_id);
  });
  std::stable_sort(set.boxes_2d.begin(), set.boxes_2d.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) {
    return std::tie(a.timestamp_us, a.camera, a.track_id) < std::tie(b.timestamp_us, b.camera, b.track_id);
  });
  return set;
}

}  // namespace fuselabel
