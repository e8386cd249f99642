#include "io/openlabel/openlabel_file.h"

#include <cmath>
#include <system_error>

#include "io/common/file_read.h"
#include "io/common/json_field.h"
#include "io/common/text_tokens.h"
#include "io/openlabel/openlabel_coordinate_systems.h"
#include "io/openlabel/openlabel_objects.h"
#include "io/openlabel/openlabel_streams.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

// The schema's root keys; actions, events, contexts, relations, tags, ontologies and resources
// are allowed and not read.
const std::initializer_list<const char*> kRootKeys = {
    "metadata", "coordinate_systems", "streams", "frames", "frame_intervals", "objects", "ontologies",
    "resources", "actions", "events", "contexts", "relations", "tags"};

// Seconds, as a number or a decimal string (the schema allows both and fixes no unit; seconds is
// what the reference implementation and exported datasets use).
int64_t timestamp_us(const JsonField& f) {
  double seconds = 0;
  if (f.value.is_string()) {
    const std::optional<double> parsed = parse_finite_double(f.value.get<std::string>());
    if (!parsed) f.fail("expected a time in seconds (a number, or a string holding one)");
    seconds = *parsed;
  } else {
    seconds = f.number();
  }
  if (!(std::abs(seconds) < 1e11)) f.fail("a time in seconds beyond +-1e11");
  return std::llround(seconds * 1e6);
}

// Frames by number, with their poses and times.
struct FrameRead {
  std::vector<OpenLabelFrameInfo> frames;
  std::vector<OpenLabelFramePoses> poses;
  std::map<int64_t, size_t> index;
  bool has_timestamps = false;
};

FrameRead read_frames(const JsonField& root, const OpenLabelCoordinateSystems& tree, const std::string& ego) {
  FrameRead read;
  if (!root.has("frames")) return read;
  const JsonField frames = root.at("frames");
  std::map<int64_t, std::string> keys;
  for (const std::string& key : frames.keys()) {
    const std::optional<int64_t> number = parse_integer<int64_t>(key);
    if (!number || *number < 0 || std::to_string(*number) != key)
      frames.at(key).fail("a frame key must be a frame number (digits, no leading zeros)");
    keys.emplace(*number, key);
  }
  size_t stamped = 0;
  for (const auto& [number, key] : keys) {
    const JsonField f = frames.at(key);
    f.expect_object({"frame_properties", "objects", "actions", "events", "contexts", "relations"});
    OpenLabelFrameInfo info;
    info.number = number;
    info.timestamp_us = number * kOpenLabelDefaultFramePeriodUs;
    OpenLabelFramePoses poses;
    if (f.has("frame_properties")) {
      const JsonField p = f.at("frame_properties");
      if (!p.value.is_object()) p.fail("expected an object");
      if (p.has("timestamp")) info.timestamp_us = timestamp_us(p.at("timestamp")), ++stamped;
      if (p.has("transforms")) poses = tree.read_frame_transforms(p.at("transforms"));
      if (p.has("streams"))
        for (const std::string& stream : p.at("streams").keys()) {
          const JsonField s = p.at("streams").at(stream);
          if (!s.has("stream_properties")) continue;
          const JsonField properties = s.at("stream_properties");
          if (properties.has("sync") && properties.at("sync").has("timestamp"))
            info.stream_timestamps_us[stream] = timestamp_us(properties.at("sync").at("timestamp"));
        }
      for (const auto& [child, T] : poses)
        if (child != ego && !ego.empty() && tree.is_at_or_below(child, ego))
          p.at("transforms").fail("re-poses '" + child + "', which is below the ego coordinate system '" + ego +
                                  "': sensor calibrations that change during the drive are not supported");
    }
    if (!read.frames.empty() && stamped == read.frames.size() + 1 && info.timestamp_us <= read.frames.back().timestamp_us)
      f.at("frame_properties").at("timestamp").fail("not after frame " + std::to_string(read.frames.back().number) + "'s");
    if (stamped != 0 && stamped != read.frames.size() + 1)
      f.fail("frame_properties.timestamp given for some frames and not for others");
    read.index.emplace(number, read.frames.size());
    read.frames.push_back(std::move(info));
    read.poses.push_back(std::move(poses));
  }
  read.has_timestamps = stamped != 0;
  return read;
}

// The local_cs the sensors hang from; the root when there is none; "" without a tree.
std::string ego_system(const JsonField& root, const OpenLabelCoordinateSystems& tree) {
  std::string ego;
  for (const auto& [name, cs] : tree.all())
    if (cs.type == "local_cs") {
      if (!ego.empty())
        root.at("coordinate_systems").at(name).fail("a second local_cs besides '" + ego +
                                                     "': which one is the ego vehicle is ambiguous");
      ego = name;
    }
  return ego.empty() ? tree.root() : ego;
}

Rig read_rig(const JsonField& root, const OpenLabelCoordinateSystems& tree, const std::string& ego) {
  Rig rig;
  if (!root.has("streams")) return rig;
  const JsonField streams = root.at("streams");
  for (const std::string& name : streams.keys()) {
    const JsonField f = streams.at(name);
    std::optional<Sensor> sensor = read_openlabel_stream(f, name);
    if (!sensor) continue;
    if (tree.has(name)) {
      if (!tree.is_at_or_below(name, ego))
        f.fail("its coordinate system '" + name + "' is not below the ego coordinate system '" + ego + "'");
      const std::optional<Transform3d> T_ego_sensor = tree.T_ancestor(ego, name);
      if (!T_ego_sensor)
        root.at("coordinate_systems").at(name).fail("no pose_wrt_parent on the way to '" + ego + "'");
      sensor->T_ego_sensor = *T_ego_sensor;
    } else if (sensor->camera) {
      f.fail("a camera needs a coordinate system of the same name (its pose)");
    }
    if (sensor->kind == SensorKind::Lidar && rig.lidar())
      f.fail("a second lidar stream besides '" + rig.lidar()->name + "': a rig holds one LiDAR");
    rig.sensors.push_back(std::move(*sensor));
  }
  return rig;
}

}  // namespace

bool is_openlabel_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  const std::string head = read_file_ends(path, 256, 0).head;
  size_t at = head.find_first_not_of(" \t\r\n");
  if (at == std::string::npos || head[at] != '{') return false;
  at = head.find_first_not_of(" \t\r\n", at + 1);
  return at != std::string::npos && head.compare(at, 11, "\"openlabel\"") == 0;
}

OpenLabelContent read_openlabel_file(const std::filesystem::path& file) {
  const nlohmann::json doc = parse_json_file(file);
  const JsonField top{file, doc, ""};
  top.expect_object({"openlabel"});
  const JsonField root = top.required("openlabel");
  root.expect_object(kRootKeys);
  const JsonField version = root.required("metadata").required("schema_version");
  if (version.string().rfind("1.", 0) != 0)
    version.fail("'" + version.string() + "': this reader implements ASAM OpenLABEL 1.x");

  OpenLabelContent content;
  const JsonField metadata = root.at("metadata");
  content.name = metadata.has("name") ? metadata.at("name").string() : file.stem().string();
  const OpenLabelCoordinateSystems tree =
      root.has("coordinate_systems") ? OpenLabelCoordinateSystems::read(root.at("coordinate_systems"))
                                     : OpenLabelCoordinateSystems{};
  content.ego_cs = tree.empty() ? "" : ego_system(root, tree);
  content.rig = read_rig(root, tree, content.ego_cs);
  const FrameRead frames = read_frames(root, tree, content.ego_cs);
  if (frames.frames.empty()) root.fail("no frames: an OpenLABEL drive needs a `frames` object with at least one frame");
  content.frames = frames.frames;
  content.has_timestamps = frames.has_timestamps;

  EgoTrajectory& trajectory = content.trajectory;
  if (!tree.empty() && content.ego_cs != tree.root())
    for (size_t f = 0; f < frames.frames.size(); ++f)
      if (const std::optional<Transform3d> T = tree.T_ancestor(tree.root(), content.ego_cs, frames.poses[f]))
        trajectory.poses.push_back({frames.frames[f].timestamp_us, *T});
  if (trajectory.has_poses()) {
    trajectory.provenance = PoseProvenance::Dataset;
    trajectory.world_frame = tree.root();
    trajectory.source = file;
    content.world_cs = tree.root();
  }

  std::map<std::string, Transform3d> T_ego_cs;  // the static poses below the ego, found once
  const auto place = [&](const std::string& cs, size_t f, const JsonField& where) -> Transform3d {
    if (tree.empty()) return {};
    if (!tree.has(cs)) where.fail("undeclared coordinate system '" + cs + "'");
    if (tree.is_at_or_below(cs, content.ego_cs)) {
      auto known = T_ego_cs.find(cs);
      if (known == T_ego_cs.end()) {
        const std::optional<Transform3d> T = tree.T_ancestor(content.ego_cs, cs);
        if (!T) where.fail("coordinate system '" + cs + "' has no pose_wrt_parent on the way to '" + content.ego_cs + "'");
        known = T_ego_cs.emplace(cs, *T).first;
      }
      return trajectory.has_poses() ? trajectory.at(frames.frames[f].timestamp_us) * known->second : known->second;
    }
    if (!trajectory.has_poses())
      where.fail("coordinate system '" + cs + "' is not below the ego coordinate system '" + content.ego_cs +
                 "' and the file gives no ego poses to place it");
    const std::optional<Transform3d> T = tree.T_ancestor(tree.root(), cs, frames.poses[f]);
    if (!T) where.fail("coordinate system '" + cs + "' has no pose in frame " + std::to_string(frames.frames[f].number));
    return *T;
  };
  OpenLabelObjectContext context{content.frames, frames.index, content.rig, tree.empty(), place};
  content.labels = read_openlabel_objects(root, context);
  content.labels.frame = trajectory.has_poses() ? LabelFrame::World : LabelFrame::Ego;
  if (content.labels.name.empty()) content.labels.name = "openlabel";
  return content;
}

}  // namespace fuselabel
