// drive.yaml: the description of a native drive (docs/native-drive.md). Reading is strict, an
// unknown key included; writing is deterministic, so write -> read -> write is byte-identical.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <utility>

#include "io/common/atomic_file.h"
#include "io/native/native_drive.h"
#include "io/native/native_drive_camera.h"
#include "io/native/native_drive_csv.h"
#include "io/native/native_drive_text.h"
#include "io/common/yaml_field.h"
#include "model/coordinate_ranges.h"

namespace fuselabel {
namespace {

constexpr const char* kFormatName = "fuselabel-drive";
constexpr int64_t kFormatVersion = 1;
const char* const kWorldFrames[] = {"odometry", "ENU", "UTM"};
constexpr SensorKind kSensorKinds[] = {SensorKind::Lidar, SensorKind::Radar, SensorKind::Camera};

// Sensor names appear in file names, frame data and label files, so they stay plain.
bool is_sensor_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

bool is_world_frame(const std::string& name) {
  return std::any_of(std::begin(kWorldFrames), std::end(kWorldFrames), [&](const char* f) { return name == f; });
}

std::string relative_path(const YamlField& field) {
  const std::string path = field.as_string();
  const std::string problem = native_file_reference_problem(path);
  if (!problem.empty()) field.fail(problem);
  return path;
}

Transform3d read_transform(const YamlField& field) {
  field.expect_keys({"translation", "rotation"});
  const YamlField translation = field.required("translation");
  const std::vector<double> t = translation.as_doubles(3);
  for (size_t i = 0; i < t.size(); ++i)
    if (const std::string problem = coordinate_problem(t[i]); !problem.empty()) translation.items()[i].fail(problem);
  const YamlField rotation = field.required("rotation");
  const std::vector<double> r = rotation.as_doubles(4);
  const Quat<double> q{r[0], r[1], r[2], r[3]};
  if (!is_near_unit(q))
    rotation.fail("not a unit quaternion [w, x, y, z] (norm " + format_double(q.norm()) + ", tolerance 1e-6)");
  return {rotation_as_read(q), {t[0], t[1], t[2]}};
}

NativeSensor read_sensor(const YamlField& field) {
  field.expect_keys({"name", "kind", "T_ego_sensor", "model", "index"});
  NativeSensor sensor;
  const YamlField name = field.required("name");
  sensor.name = name.as_string();
  if (!is_sensor_name(sensor.name)) name.fail("sensor names use letters, digits, '_', '-' and '.' only");
  const YamlField kind = field.required("kind");
  const std::string kind_name = kind.as_string();
  const auto known = std::find_if(std::begin(kSensorKinds), std::end(kSensorKinds),
                                  [&](SensorKind k) { return kind_name == sensor_kind_name(k); });
  if (known == std::end(kSensorKinds)) kind.fail("unknown sensor kind '" + kind_name + "' (expected lidar, radar or camera)");
  sensor.kind = *known;
  sensor.T_ego_sensor = read_transform(field.required("T_ego_sensor"));
  const std::optional<YamlField> model = field.optional("model");
  if (sensor.kind == SensorKind::Camera) sensor.camera = read_camera_model(field.required("model"));
  else if (model) model->fail("only cameras have a model");
  sensor.index_file = relative_path(field.required("index"));
  return sensor;
}

std::vector<NativeSensor> read_sensors(const YamlField& list) {
  std::vector<NativeSensor> sensors;
  std::set<std::string> names;
  std::string lidar;
  for (const YamlField& item : list.items()) {
    sensors.push_back(read_sensor(item));
    const NativeSensor& sensor = sensors.back();
    if (!names.insert(sensor.name).second) item.required("name").fail("duplicate sensor name '" + sensor.name + "'");
    if (sensor.kind != SensorKind::Lidar) continue;
    if (!lidar.empty()) item.required("kind").fail("a second lidar ('" + lidar + "' is the first); a drive has exactly one");
    lidar = sensor.name;
  }
  if (lidar.empty()) list.fail("no sensor of kind lidar; a drive has exactly one");
  return sensors;
}

std::map<std::string, std::string> read_label_sets(const YamlField& field) {
  std::map<std::string, std::string> sets;
  for (const std::string& name : field.keys()) sets[name] = relative_path(field.required(name));
  return sets;
}

// A plain YAML scalar when that reads back as the same text, else a double-quoted one.
std::string yaml_text(const std::string& s) {
  const bool plain = !s.empty() && s.front() != '-' && s != "~" && s != "null" && s != "Null" && s != "NULL" &&
                     std::all_of(s.begin(), s.end(), [](unsigned char c) {
                       return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '/';
                     });
  if (plain) return s;
  std::string quoted = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      quoted += escaped;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string transform_yaml(const Transform3d& T) {
  const Quat<double> q = quaternion_to_write(T.R);
  return "{translation: [" + format_double(T.t.x) + ", " + format_double(T.t.y) + ", " + format_double(T.t.z) +
         "], rotation: [" + format_double(q.w) + ", " + format_double(q.x) + ", " + format_double(q.y) + ", " +
         format_double(q.z) + "]}";
}

// The writer refuses drives its reader would reject, so a written drive always reads back.
void check_writable(const NativeDrive& drive) {
  auto fail = [&](const std::string& why) {
    throw std::invalid_argument("cannot write native drive " + drive.root.string() + ": " + why);
  };
  if (drive.name.empty()) fail("the drive has no name");
  const bool has_poses = !drive.ego_pose_file.empty();
  if (has_poses && !is_world_frame(drive.world_frame))
    fail("world_frame '" + drive.world_frame + "' is not odometry, ENU or UTM");
  if (!has_poses && (!drive.world_frame.empty() || !drive.ego_poses.empty()))
    fail("a drive without an ego poses file has no world frame and no poses");
  std::set<std::string> names;
  int lidars = 0;
  for (const NativeSensor& s : drive.sensors) {
    if (!is_sensor_name(s.name)) fail("sensor name '" + s.name + "' is not letters, digits, '_', '-' and '.'");
    if (!names.insert(s.name).second) fail("two sensors are named '" + s.name + "'");
    if ((s.kind == SensorKind::Camera) != s.camera.has_value()) fail("sensor '" + s.name + "': only cameras, and every camera, have a model");
    lidars += s.kind == SensorKind::Lidar;
  }
  if (lidars != 1) fail("a drive has exactly one lidar, this one has " + std::to_string(lidars));
  std::vector<std::string> paths;
  if (has_poses) paths.push_back(drive.ego_pose_file);
  for (const NativeSensor& s : drive.sensors) paths.push_back(s.index_file);
  for (const auto& [name, file] : drive.label_sets) paths.push_back(file);
  for (const std::string& p : paths)
    if (!native_file_reference_problem(p).empty()) fail("file '" + p + "': " + native_file_reference_problem(p));
  for (const auto& [name, file] : drive.label_sets)
    if (name.empty()) fail("a label set has an empty name");
}

std::string drive_yaml(const NativeDrive& drive) {
  std::string text = "format: " + std::string(kFormatName) + "\nversion: " + std::to_string(kFormatVersion) +
                     "\nname: " + yaml_text(drive.name) + "\n";
  if (!drive.ego_pose_file.empty())
    text += "world_frame: " + drive.world_frame + "\nego_poses: " + yaml_text(drive.ego_pose_file) + "\n";
  text += "sensors:\n";
  for (const NativeSensor& s : drive.sensors) {
    text += "  - name: " + yaml_text(s.name) + "\n    kind: " + sensor_kind_name(s.kind) +
            "\n    T_ego_sensor: " + transform_yaml(s.T_ego_sensor) + "\n";
    if (s.camera) text += "    model: " + camera_model_yaml(*s.camera) + "\n";
    text += "    index: " + yaml_text(s.index_file) + "\n";
  }
  if (drive.label_sets.empty()) return text + "label_sets: {}\n";
  text += "label_sets:\n";
  for (const auto& [name, file] : drive.label_sets) text += "  " + yaml_text(name) + ": " + yaml_text(file) + "\n";
  return text;
}

}  // namespace

NativeDrive read_native_drive(const std::filesystem::path& root, bool keep_timing_faults) {
  const YamlField doc = YamlField::load_file(root / "drive.yaml");
  doc.expect_keys({"format", "version", "name", "world_frame", "ego_poses", "sensors", "label_sets"});
  const YamlField format = doc.required("format");
  if (format.as_string() != kFormatName) format.fail("expected '" + std::string(kFormatName) + "'");
  const YamlField version = doc.required("version");
  if (version.as_int() != kFormatVersion)
    version.fail("unsupported version " + std::to_string(version.as_int()) + " (this reader knows version 1)");

  NativeDrive drive;
  drive.root = root;
  drive.name = doc.required("name").as_string();
  // Many rigs record no ego poses: then neither key is given and labels are in the ego frame.
  const std::optional<YamlField> ego_poses = doc.optional("ego_poses");
  const std::optional<YamlField> world_frame = doc.optional("world_frame");
  if (ego_poses && !world_frame) doc.required("world_frame");  // names the missing key
  if (world_frame && !ego_poses) world_frame->fail("a world frame needs ego_poses");
  if (ego_poses) {
    drive.world_frame = world_frame->as_string();
    if (!is_world_frame(drive.world_frame)) world_frame->fail("expected odometry, ENU or UTM");
    drive.ego_pose_file = relative_path(*ego_poses);
  } else {
    drive.world_frame.clear();
    drive.ego_pose_file.clear();
  }
  drive.sensors = read_sensors(doc.required("sensors"));
  if (const std::optional<YamlField> sets = doc.optional("label_sets")) drive.label_sets = read_label_sets(*sets);

  if (ego_poses) drive.ego_poses = read_ego_poses_csv(root / drive.ego_pose_file);
  for (NativeSensor& sensor : drive.sensors) {
    if (!keep_timing_faults) {
      sensor.samples = read_sensor_index_csv(root / sensor.index_file);
      continue;
    }
    const size_t first = drive.timing_faults.size();
    sensor.samples = read_sensor_index_csv(root / sensor.index_file, &drive.timing_faults, &sensor.row_samples);
    for (size_t i = first; i < drive.timing_faults.size(); ++i) drive.timing_faults[i].sensor = sensor.name;
  }
  return drive;
}

void write_native_drive(const NativeDrive& drive) {
  check_writable(drive);
  // Every text is built before the first file is written, so a refused drive writes nothing.
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  files.emplace_back(drive.root / "drive.yaml", drive_yaml(drive));
  if (!drive.ego_pose_file.empty()) {
    const std::filesystem::path pose_file = drive.root / drive.ego_pose_file;
    files.emplace_back(pose_file, ego_poses_csv_text(pose_file, drive.ego_poses));
  }
  for (const NativeSensor& s : drive.sensors)
    files.emplace_back(drive.root / s.index_file, sensor_index_csv_text(drive.root / s.index_file, s.samples));
  for (const auto& [path, text] : files) write_file_atomic(path, text);
}

}  // namespace fuselabel
