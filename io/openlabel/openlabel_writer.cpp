#include "io/openlabel/openlabel_writer.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "io/common/atomic_file.h"
#include "io/common/text_tokens.h"
#include "io/openlabel/openlabel_labels_for_drive.h"
#include "io/openlabel/openlabel_streams.h"
#include "io/openlabel/openlabel_transform.h"

namespace fuselabel {
namespace {

using Json = nlohmann::json;

// Closed intervals covering `numbers` (sorted, unique).
Json frame_intervals(const std::set<int64_t>& numbers) {
  Json intervals = Json::array();
  for (auto it = numbers.begin(); it != numbers.end();) {
    const int64_t start = *it;
    int64_t end = start;
    while (++it != numbers.end() && *it == end + 1) ++end;
    intervals.push_back({{"frame_start", start}, {"frame_end", end}});
  }
  return intervals;
}

// Microseconds as seconds: OpenLABEL's timestamps (read back exactly, docs/openlabel.md).
double seconds(int64_t us) { return double(us) / 1e6; }

// One OpenLABEL object per track, per untracked cuboid and per untracked 2D box (DontCare
// regions share one object, as the reference implementation writes KITTI's).
struct ObjectPlan {
  std::string uid, name, type;
  bool tracked = true;
  std::map<std::string, std::string> attributes;
  std::map<int64_t, Json> frames;  // frame number -> object_data
  std::map<std::string, std::pair<std::string, std::set<int64_t>>> pointers;  // name -> (type, frames)
};

bool numeric_ids(const std::vector<Track>& tracks) {
  for (const Track& t : tracks) {
    const std::optional<int64_t> n = parse_integer<int64_t>(t.track_id);
    if (!n || *n < 0 || std::to_string(*n) != t.track_id) return false;
  }
  return true;
}

Json cuboid_json(const CuboidLabel& label, const std::string& cs) {
  const Cuboidd& b = label.box;
  const Quat<double>& q = b.rotation;
  Json attributes = {{"text", Json::array({{{"name", "source"}, {"val", label_source_name(label.source)}}})},
                     {"num", Json::array({{{"name", "confidence"}, {"val", label.confidence}}})}};
  // The label's own id (a nuScenes annotation token) survives a round trip.
  if (!label.id.empty()) attributes["text"].push_back({{"name", "label_id"}, {"val", label.id}});
  for (const auto& [name, value] : label.attributes) attributes["text"].push_back({{"name", name}, {"val", value}});
  if (label.velocity)
    attributes["vec"] = Json::array({{{"name", "velocity"}, {"val", {label.velocity->x, label.velocity->y, label.velocity->z}}}});
  return {{"name", "box3D"}, {"coordinate_system", cs},
          {"val", {b.center.x, b.center.y, b.center.z, q.x, q.y, q.z, q.w, b.size.x, b.size.y, b.size.z}},
          {"attributes", attributes}};
}

Json bbox_json(const ImageBoxLabel& box, const std::string& name) {
  const Box2<double>& r = box.box;
  Json out = {{"name", name}, {"coordinate_system", box.camera},
              {"val", {(r.x1 + r.x2) / 2, (r.y1 + r.y2) / 2, r.x2 - r.x1, r.y2 - r.y1}}};
  if (!box.id.empty()) out["attributes"] = {{"text", Json::array({{{"name", "label_id"}, {"val", box.id}}})}};
  return out;
}

void add(ObjectPlan& object, int64_t number, const char* type, const std::string& name, Json element) {
  object.frames[number][type].push_back(std::move(element));
  auto& pointer = object.pointers[name];
  pointer.first = type;
  pointer.second.insert(number);
}

std::vector<ObjectPlan> plan_objects(const Drive& drive, const LabelSet& labels, const std::vector<int64_t>& numbers,
                                     const std::string& cuboid_cs, int64_t& boxes_outside_frames) {
  std::vector<ObjectPlan> objects;
  std::map<std::string, size_t> by_track, by_cuboid;
  const bool numeric = numeric_ids(labels.tracks);
  for (const Track& t : labels.tracks) {
    by_track[t.track_id] = objects.size();
    objects.push_back({numeric ? t.track_id : std::to_string(objects.size()), t.track_id, t.class_name, true,
                       t.attributes, {}, {}});
  }
  // Numeric track ids are the uids; other objects take numbers after the largest.
  int64_t next_uid = 0;
  for (const ObjectPlan& o : objects) next_uid = std::max<int64_t>(next_uid, std::stoll(o.uid) + 1);
  const auto number_of = [&](int64_t frame, const std::string& id) {
    if (frame < 0 || size_t(frame) >= drive.frames.size())
      throw std::invalid_argument("label " + id + " is in frame " + std::to_string(frame) + ", which the drive does not have");
    return numbers[size_t(frame)];
  };
  for (const CuboidLabel& label : labels.boxes) {
    size_t o = 0;
    if (!label.track_id.empty() && by_track.count(label.track_id)) {
      o = by_track.at(label.track_id);
    } else {
      o = objects.size();
      objects.push_back({std::to_string(next_uid++), label.id, labels.class_of(label), false, {}, {}, {}});
    }
    by_cuboid[label.id] = o;
    const int64_t number = number_of(label.frame, label.id);
    add(objects[o], number, "cuboid", "box3D", cuboid_json(label, cuboid_cs));
    if (!label.class_name.empty() && label.class_name != objects[o].type)
      add(objects[o], number, "text", "class", {{"name", "class"}, {"val", label.class_name}});
  }
  std::optional<size_t> dont_care;
  const std::vector<int64_t> box_frames = frames_of_image_boxes(drive, labels.boxes_2d);
  for (size_t i = 0; i < labels.boxes_2d.size(); ++i) {
    const ImageBoxLabel& box = labels.boxes_2d[i];
    if (box_frames[i] < 0) {
      ++boxes_outside_frames;
      continue;
    }
    size_t o = 0;
    const std::string class_name = labels.class_of(box);
    if (!box.track_id.empty() && by_track.count(box.track_id)) {
      o = by_track.at(box.track_id);
    } else if (!box.cuboid_id.empty() && by_cuboid.count(box.cuboid_id)) {
      o = by_cuboid.at(box.cuboid_id);
    } else if (class_name == "DontCare") {
      if (!dont_care) {
        dont_care = objects.size();
        objects.push_back({std::to_string(next_uid++), "DontCare", "DontCare", false, {}, {}, {}});
      }
      o = *dont_care;
    } else {
      o = objects.size();
      objects.push_back({std::to_string(next_uid++), box.id, class_name, false, {}, {}, {}});
    }
    const int64_t number = number_of(box_frames[i], box.id);
    const size_t in_frame = objects[o].frames[number].contains("bbox") ? objects[o].frames[number]["bbox"].size() : 0;
    const std::string name = o == dont_care ? "box2D" + std::to_string(in_frame) + "_" + box.camera : "box2D_" + box.camera;
    add(objects[o], number, "bbox", name, bbox_json(box, name));
  }
  return objects;
}

Json object_json(const ObjectPlan& object) {
  std::set<int64_t> frames;
  for (const auto& [number, data] : object.frames) frames.insert(number);
  Json texts = Json::array();
  if (object.tracked && object.uid != object.name) texts.push_back({{"name", "track_id"}, {"val", object.name}});
  for (const auto& [name, value] : object.attributes) texts.push_back({{"name", name}, {"val", value}});
  Json out = {{"name", object.name}, {"type", object.type}, {"frame_intervals", frame_intervals(frames)}};
  Json pointers = Json::object();
  for (const auto& [name, pointer] : object.pointers)
    pointers[name] = {{"type", pointer.first}, {"frame_intervals", frame_intervals(pointer.second)}};
  out["object_data_pointers"] = pointers;
  Json data = Json::object();
  if (!texts.empty()) data["text"] = texts;
  if (!object.tracked) data["boolean"] = Json::array({{{"name", "tracked"}, {"val", false}}});
  if (!data.empty()) out["object_data"] = data;
  return out;
}

}  // namespace

Json openlabel_document(const Drive& drive, const LabelSet& labels, const OpenLabelNames& names,
                        int64_t* boxes_outside_frames) {
  if (drive.rigs.size() != 1)
    throw std::invalid_argument("OpenLABEL export of a drive with a calibration per frame (" + drive.format +
                                ") is not supported: its coordinate systems are written once");
  const Rig& rig = drive.rigs.front();
  const bool world = drive.trajectory.has_poses() || labels.frame == LabelFrame::World;
  if (labels.frame == LabelFrame::World && !drive.trajectory.has_poses())
    throw std::invalid_argument("labels in the world frame of a drive without ego poses");
  Json systems = Json::object();
  if (world) systems[names.world] = {{"type", "scene_cs"}, {"parent", ""}, {"children", {names.ego}}};
  Json ego = {{"type", "local_cs"}, {"parent", world ? names.world : ""}, {"children", Json::array()}};
  Json streams = Json::object();
  for (const Sensor& s : rig.sensors) {
    ego["children"].push_back(s.name);
    systems[s.name] = {{"type", "sensor_cs"}, {"parent", names.ego}, {"children", Json::array()},
                       {"pose_wrt_parent", openlabel_transform_json(s.T_ego_sensor * openlabel_camera_frame(s))}};
    streams[s.name] = openlabel_stream_json(s);
  }
  systems[names.ego] = ego;
  std::string cuboid_cs = labels.frame == LabelFrame::World ? names.world : names.ego;
  if (labels.frame == LabelFrame::Lidar) {
    if (!rig.lidar()) throw std::invalid_argument("labels in the LiDAR frame of a drive without a LiDAR");
    cuboid_cs = rig.lidar()->name;
  }

  const std::vector<int64_t> numbers = openlabel_frame_numbers(drive);
  Json frames = Json::object();
  for (size_t f = 0; f < drive.frames.size(); ++f) {
    const DriveFrame& frame = drive.frames[f];
    Json properties = {{"timestamp", seconds(frame.timestamp_us)}};
    Json frame_streams = Json::object();
    for (const Sensor& s : rig.sensors)
      if (const SensorSample* sample = drive.associated_sample(f, s.name))
        frame_streams[s.name] = {{"stream_properties", {{"sync", {{"timestamp", seconds(sample->timestamp_us)}}}}}};
    if (!frame_streams.empty()) properties["streams"] = frame_streams;
    if (drive.trajectory.has_poses() && frame.timestamp_us >= drive.trajectory.poses.front().timestamp_us &&
        frame.timestamp_us <= drive.trajectory.poses.back().timestamp_us)
      properties["transforms"] = {{names.ego + "_to_" + names.world,
                                   {{"src", names.ego}, {"dst", names.world},
                                    {"transform_src_to_dst", openlabel_transform_json(drive.trajectory.at(frame.timestamp_us))}}}};
    frames[std::to_string(numbers[f])] = {{"frame_properties", properties}};
  }
  Json objects = Json::object();
  int64_t outside = 0;
  for (const ObjectPlan& object : plan_objects(drive, labels, numbers, cuboid_cs, outside)) {
    objects[object.uid] = object_json(object);
    for (const auto& [number, data] : object.frames) frames[std::to_string(number)]["objects"][object.uid]["object_data"] = data;
  }
  if (boxes_outside_frames) *boxes_outside_frames = outside;
  Json metadata = {{"schema_version", "1.0.0"}, {"name", drive.name}, {"annotator", "fuselabel"}};
  if (!labels.taxonomy.empty()) metadata["taxonomy"] = labels.taxonomy;
  return {{"openlabel",
           {{"metadata", metadata}, {"coordinate_systems", systems}, {"streams", streams}, {"frames", frames},
            {"frame_intervals", frame_intervals(std::set<int64_t>(numbers.begin(), numbers.end()))},
            {"objects", objects}}}};
}

int64_t write_openlabel(const Drive& drive, const LabelSet& labels, const std::filesystem::path& file,
                        const std::string& world_cs, const std::string& ego_cs) {
  OpenLabelNames names;
  names.world = drive.trajectory.world_frame.empty() ? "world" : drive.trajectory.world_frame;
  if (!world_cs.empty()) names.world = world_cs;
  if (!ego_cs.empty()) names.ego = ego_cs;
  int64_t outside = 0;
  write_file_atomic(file, openlabel_document(drive, labels, names, &outside).dump() + "\n");
  return outside;
}

}  // namespace fuselabel
