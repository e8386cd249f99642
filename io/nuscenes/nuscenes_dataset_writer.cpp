#include "io/nuscenes/nuscenes_dataset_writer.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>

#include "io/common/atomic_file.h"
#include "io/common/point_file.h"
#include "io/nuscenes/nuscenes_drive.h"
#include "io/nuscenes/nuscenes_tables.h"
#include "io/common/stable_token.h"
#include "model/input_error.h"

namespace fuselabel::nuscenes {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

void set_pose(Json& row, const Transform3d& T) {
  const Quat<double> q = Quat<double>::from_matrix(T.R);
  row["translation"] = {T.t.x, T.t.y, T.t.z};
  row["rotation"] = {q.w, q.x, q.y, q.z};
}

// "YYYY-MM-DD" of a microsecond Unix time.
std::string date_of(int64_t timestamp_us) {
  const std::time_t seconds = std::time_t(timestamp_us / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

// What nuScenes can hold of a camera: its K as camera_intrinsic, or nothing (`refusal` says why);
// `note` names what the K leaves out.
struct NuscenesCamera {
  std::vector<std::vector<double>> K;
  std::string refusal, note;
};

NuscenesCamera nuscenes_camera(const CameraModeld& camera) {
  NuscenesCamera out;
  double fx = camera.fx, fy = camera.fy, cx = camera.cx, cy = camera.cy;
  switch (camera.type) {
    case CameraModelType::Pinhole:
      break;
    case CameraModelType::KittiRectified: {
      const double* R = camera.R_rect;
      const bool identity = R[0] == 1 && R[4] == 1 && R[8] == 1 && R[1] == 0 && R[2] == 0 && R[3] == 0 && R[5] == 0 &&
                            R[6] == 0 && R[7] == 0;
      if (!identity || camera.P[1] != 0 || camera.P[3] != 0 || camera.P[7] != 0 || camera.P[11] != 0) {
        out.refusal = "a rectified camera with a rectifying rotation, skew or baseline is no nuScenes pinhole";
        return out;
      }
      fx = camera.P[0], cx = camera.P[2], fy = camera.P[5], cy = camera.P[6];
      break;
    }
    case CameraModelType::BrownConrady:
    case CameraModelType::Mei:
      out.note =
          "keeps its K as camera_intrinsic; its lens distortion is not expressible (nuScenes images are undistorted)";
      break;
    case CameraModelType::Fisheye:
      out.refusal = "a fisheye lens is not expressible as a nuScenes pinhole";
      return out;
  }
  out.K = {{fx, 0, cx}, {0, fy, cy}, {0, 0, 1}};
  return out;
}

// A drive name as a file-name-safe scene and log name.
std::string scene_name_of(const std::string& name) {
  std::string out = name.empty() ? "drive" : name;
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  return out;
}

// The sweep as nuScenes .pcd.bin records: x y z intensity ring.
std::vector<float> nuscenes_lidar_records(const PointSweep& sweep) {
  std::vector<int> source;
  for (const std::string& field : kNuscenesLidarFields) {
    const auto it = std::find(sweep.fields.begin(), sweep.fields.end(), field);
    source.push_back(it == sweep.fields.end() ? -1 : int(it - sweep.fields.begin()));
  }
  std::vector<float> out;
  out.reserve(size_t(sweep.size()) * source.size());
  for (int64_t p = 0; p < sweep.size(); ++p)
    for (int s : source) out.push_back(s < 0 ? 0.0f : sweep.records[size_t(p * sweep.stride() + s)]);
  return out;
}

void link_or_copy(const fs::path& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  std::error_code ec;
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

// The thirteen tables the devkit loads, by name; each an array of rows.
struct Tables {
  std::map<std::string, Json> rows;
  Tables() {
    for (const char* table : {"attribute", "calibrated_sensor", "category", "ego_pose", "instance", "log", "map",
                              "sample", "sample_annotation", "sample_data", "scene", "sensor", "visibility"})
      rows[table] = Json::array();
  }
  Json& operator[](const char* table) { return rows.at(table); }
};

// One sensor's rows: its sensor and calibrated_sensor, then per sample with a file a sample_data
// row (linked prev/next) with its ego_pose and its file.
class ChannelWriter {
 public:
  ChannelWriter(const Drive& drive, const SampleLoader& loader, const fs::path& dataroot, Tables& tables,
                WrittenDataset& out)
      : drive_(drive), loader_(loader), dataroot_(dataroot), tables_(tables), out_(out) {}

  // keyframe_of: per sample index of the sensor's timeline, the sample token it is the keyframe
  // of; other samples go with the nearest sample in time.
  void write(const fuselabel::Sensor& sensor, const std::map<size_t, std::string>& keyframe_of,
             const std::vector<std::pair<int64_t, std::string>>& samples_by_time) {
    NuscenesCamera camera;
    if (sensor.camera) {
      camera = nuscenes_camera(*sensor.camera);
      if (!camera.refusal.empty()) {
        out_.notes.push_back(sensor.name + " left out: " + camera.refusal);
        return;
      }
      if (!camera.note.empty()) out_.notes.push_back(sensor.name + " " + camera.note);
    }
    const std::string modality = sensor_kind_name(sensor.kind);
    const std::string sensor_token = stable_token({"sensor", sensor.name});
    tables_["sensor"].push_back({{"token", sensor_token}, {"channel", sensor.name}, {"modality", modality}});
    Json cs = {{"token", stable_token({"calibrated_sensor", sensor.name})}, {"sensor_token", sensor_token}};
    set_pose(cs, sensor.T_ego_sensor);
    cs["camera_intrinsic"] = camera.K;
    tables_["calibrated_sensor"].push_back(cs);

    const SensorTimeline& timeline = drive_.timelines.at(sensor.name);
    Json& rows = tables_["sample_data"];
    const size_t none = ~size_t{0};
    size_t previous = none;  // row index: the array grows as rows are added
    int64_t previous_time = 0, uncovered = 0;
    for (size_t i = 0; i < timeline.samples.size(); ++i) {
      const fuselabel::SensorSample& sample = timeline.samples[i];
      std::error_code ec;
      if (sample.file.empty() || !fs::is_regular_file(sample.file, ec)) continue;
      if (previous != none && sample.timestamp_us <= previous_time) continue;  // nuScenes channels are strictly in time
      Transform3d T_world_ego;
      try {
        T_world_ego = drive_.pose_of(sample);
      } catch (const InputError&) {
        ++uncovered;
        continue;
      }
      const auto key = keyframe_of.find(i);
      const std::string token = stable_token({"sample_data", sensor.name, std::to_string(i)});
      const std::string extension = sensor.kind == SensorKind::Lidar ? ".pcd.bin" : sample.file.extension().string();
      const std::string filename = std::string(key != keyframe_of.end() ? "samples/" : "sweeps/") + sensor.name + "/" +
                                   out_.scene_name + "__" + sensor.name + "__" + std::to_string(sample.timestamp_us) +
                                   extension;
      if (sensor.kind == SensorKind::Lidar)
        write_float_records(dataroot_ / filename,
                            nuscenes_lidar_records(load_lidar_sweep(drive_, sensor, sample, loader_)),
                            kNuscenesLidarFields.size());
      else
        link_or_copy(sample.file, dataroot_ / filename);
      Json pose = {{"token", token}, {"timestamp", sample.timestamp_us}};
      set_pose(pose, T_world_ego);
      tables_["ego_pose"].push_back(pose);
      rows.push_back(
          {{"token", token},
           {"sample_token", key != keyframe_of.end() ? key->second : nearest(samples_by_time, sample.timestamp_us)},
           {"ego_pose_token", token},
           {"calibrated_sensor_token", cs["token"]},
           {"timestamp", sample.timestamp_us},
           {"fileformat", sensor.kind == SensorKind::Camera ? extension.substr(1) : "pcd"},
           {"is_key_frame", key != keyframe_of.end()},
           {"height", sensor.camera ? sensor.camera->height : 0},
           {"width", sensor.camera ? sensor.camera->width : 0},
           {"filename", filename},
           {"prev", previous != none ? rows[previous]["token"] : Json("")},
           {"next", ""}});
      if (previous != none) rows[previous]["next"] = token;
      previous = rows.size() - 1;
      previous_time = sample.timestamp_us;
      ++out_.sample_data;
    }
    if (uncovered)
      out_.notes.push_back(sensor.name + ": " + std::to_string(uncovered) +
                           " samples outside the ego poses' time span left out");
  }

 private:
  static std::string nearest(const std::vector<std::pair<int64_t, std::string>>& samples, int64_t t) {
    const auto after = std::lower_bound(samples.begin(), samples.end(), std::make_pair(t, std::string()));
    if (after == samples.begin()) return after->second;
    if (after == samples.end() || t - std::prev(after)->first <= after->first - t) return std::prev(after)->second;
    return after->second;
  }

  const Drive& drive_;
  const SampleLoader& loader_;
  const fs::path& dataroot_;
  Tables& tables_;
  WrittenDataset& out_;
};

}  // namespace

WrittenDataset write_nuscenes_dataset(const Drive& drive, const SampleLoader& loader, const fs::path& dataroot) {
  if (!drive.trajectory.has_poses())
    throw std::invalid_argument("nuScenes boxes and poses are in a global frame, and this " + drive.format +
                                " drive has no ego poses");
  if (drive.rigs.size() != 1) throw std::invalid_argument("nuScenes holds one calibration per sensor and scene");
  const Rig& rig = drive.rigs.front();
  const fuselabel::Sensor* lidar = rig.lidar();
  if (!lidar || !drive.timelines.count(lidar->name))
    throw std::invalid_argument("nuScenes samples are LiDAR keyframes, and this drive has no LiDAR");
  WrittenDataset out;
  out.version = kExportVersion;
  out.scene_name = scene_name_of(drive.name);
  out.sample_of_frame.assign(drive.frames.size(), -1);
  const std::string scene_token = stable_token({"scene", out.scene_name});

  // The samples: frames whose sweep has a file the poses cover.
  Tables tables;
  std::map<std::string, std::map<size_t, std::string>> keyframes;  // sensor -> timeline index -> sample token
  std::vector<std::pair<int64_t, std::string>> samples_by_time;
  const SensorTimeline& lidar_timeline = drive.timelines.at(lidar->name);
  for (size_t f = 0; f < drive.frames.size(); ++f) {
    const DriveFrame& frame = drive.frames[f];
    if (frame.lidar_sample < 0) continue;
    const fuselabel::SensorSample& sweep = lidar_timeline.samples.at(size_t(frame.lidar_sample));
    std::error_code ec;
    if (sweep.file.empty() || !fs::is_regular_file(sweep.file, ec)) continue;
    if (!samples_by_time.empty() && sweep.timestamp_us <= samples_by_time.back().first) continue;
    try {
      drive.pose_of(sweep);
    } catch (const InputError&) {
      continue;
    }
    const std::string token = stable_token({"sample", out.scene_name, frame.id});
    out.sample_of_frame[f] = int64_t(samples_by_time.size());
    samples_by_time.emplace_back(sweep.timestamp_us, token);
    keyframes[lidar->name][size_t(frame.lidar_sample)] = token;
    for (const fuselabel::Sensor& camera : rig.sensors) {
      if (camera.kind != SensorKind::Camera) continue;
      const fuselabel::SensorSample* image = drive.associated_sample(f, camera.name);
      if (!image) continue;
      const size_t index = size_t(image - drive.timelines.at(camera.name).samples.data());
      keyframes[camera.name].emplace(index, token);  // an image nearest two frames is the first one's
    }
  }
  if (samples_by_time.empty())
    throw std::invalid_argument("no frame of the drive has a LiDAR sweep file within its ego poses' time span");
  for (size_t k = 0; k < samples_by_time.size(); ++k)
    tables["sample"].push_back({{"token", samples_by_time[k].second},
                                {"timestamp", samples_by_time[k].first},
                                {"prev", k > 0 ? samples_by_time[k - 1].second : ""},
                                {"next", k + 1 < samples_by_time.size() ? samples_by_time[k + 1].second : ""},
                                {"scene_token", scene_token}});

  ChannelWriter channels(drive, loader, dataroot, tables, out);
  for (const fuselabel::Sensor& sensor : rig.sensors) {
    if (sensor.kind == SensorKind::Radar) {
      out.notes.push_back(sensor.name +
                          " left out: nuScenes radar files carry fields (vx, vy, dyn_prop, ...) the "
                          "drive's radar scans do not have");
      continue;
    }
    if (drive.timelines.count(sensor.name)) channels.write(sensor, keyframes[sensor.name], samples_by_time);
  }

  const std::string log_token = stable_token({"log", out.scene_name});
  tables["log"] = Json::array({{{"token", log_token},
                                {"logfile", out.scene_name},
                                {"vehicle", ""},
                                {"date_captured", date_of(samples_by_time.front().first)},
                                {"location", ""}}});
  tables["scene"] = Json::array({{{"token", scene_token},
                                  {"log_token", log_token},
                                  {"nbr_samples", samples_by_time.size()},
                                  {"first_sample_token", samples_by_time.front().second},
                                  {"last_sample_token", samples_by_time.back().second},
                                  {"name", out.scene_name},
                                  {"description", "exported by fuselabel from a " + drive.format + " drive"}}});
  const char* levels[] = {"v0-40", "v40-60", "v60-80", "v80-100"};
  const char* shares[] = {"0 and 40", "40 and 60", "60 and 80", "80 and 100"};
  for (int v = 0; v < 4; ++v)
    tables["visibility"].push_back(
        {{"description", std::string("visibility of whole object is between ") + shares[v] + "%"},
         {"token", std::to_string(v + 1)},
         {"level", levels[v]}});
  for (const auto& [table, rows] : tables.rows)
    write_file_atomic(table_file(dataroot / out.version, table.c_str()), rows.dump(0) + "\n");
  return out;
}

}  // namespace fuselabel::nuscenes
