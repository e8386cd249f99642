// resolve_channels: the scene's sample_data rows become per-channel time series with their own
// calibration and ego pose, checked against the prev/next chains of the table.
#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "io/common/input_limits.h"
#include "model/input_error.h"
#include "io/nuscenes/nuscenes_conversions.h"
#include "io/nuscenes/nuscenes_scene.h"
#include "io/nuscenes/nuscenes_tables.h"

namespace fuselabel::nuscenes {
namespace {

// Sorts a channel by time and checks that consecutive rows are linked both ways and that the
// chain does not continue into rows of this scene that are not its neighbours.
void order_and_check_links(Channel& channel, std::vector<const SampleData*>& rows,
                           const TokenMap<SampleData>& scene_rows, const std::filesystem::path& file) {
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return rows[a]->timestamp_us < rows[b]->timestamp_us; });
  std::vector<SensorSample> samples;
  std::vector<const SampleData*> sorted;
  for (size_t i : order) samples.push_back(std::move(channel.samples[i])), sorted.push_back(rows[i]);
  for (size_t i = 0; i < sorted.size(); ++i) {
    const SampleData& row = *sorted[i];
    const std::string expected_prev = i > 0 ? sorted[i - 1]->token : "";
    const std::string expected_next = i + 1 < sorted.size() ? sorted[i + 1]->token : "";
    if (i > 0 && row.timestamp_us == sorted[i - 1]->timestamp_us)
      throw InputError(file, row_field(row.token, "timestamp"),
                       "same timestamp as " + sorted[i - 1]->token + " on channel " + channel.name);
    const bool prev_ok = i > 0 ? row.prev == expected_prev : !scene_rows.count(row.prev);
    const bool next_ok = i + 1 < sorted.size() ? row.next == expected_next : !scene_rows.count(row.next);
    if (!prev_ok || !next_ok) {
      const char* field = prev_ok ? "next" : "prev";
      const std::string& found = prev_ok ? row.next : row.prev;
      const std::string& expected = prev_ok ? expected_next : expected_prev;
      throw InputError(file, row_field(row.token, field),
                       "found '" + found + "', but the " + field + " " + channel.name +
                           " sample_data of this scene in time is " + (expected.empty() ? "none" : expected));
    }
  }
  channel.samples = std::move(samples);
  rows = std::move(sorted);
  channel.timestamps.clear();
  for (const SensorSample& s : channel.samples) channel.timestamps.push_back(s.timestamp_us);
}

}  // namespace

void resolve_channels(TableReader& reader, SceneData& scene, const std::filesystem::path& version_dir,
                      const TokenMap<SampleData>& sample_data) {
  const std::filesystem::path sd_file = table_file(version_dir, "sample_data");
  const std::filesystem::path cs_file = table_file(version_dir, "calibrated_sensor");
  const std::filesystem::path sensor_file = table_file(version_dir, "sensor");
  const std::filesystem::path pose_file = table_file(version_dir, "ego_pose");
  const TokenMap<CalibratedSensor> calibrated = read_calibrated_sensor_table(reader, cs_file);
  const TokenMap<Sensor> sensors = read_sensor_table(reader, sensor_file);
  std::unordered_set<std::string> pose_tokens;
  for (const auto& entry : sample_data) pose_tokens.insert(entry.second.ego_pose_token);
  const TokenMap<EgoPose> poses = read_ego_pose_rows(reader, pose_file, pose_tokens);

  std::map<std::string, std::vector<const SampleData*>> rows_of;
  for (const auto& [token, row] : sample_data) {
    const CalibratedSensor& cs =
        resolve_token(calibrated, row.calibrated_sensor_token, sd_file, token, "calibrated_sensor_token", cs_file);
    const Sensor& sensor = resolve_token(sensors, cs.sensor_token, cs_file, cs.token, "sensor_token", sensor_file);
    const EgoPose& pose = resolve_token(poses, row.ego_pose_token, sd_file, token, "ego_pose_token", pose_file);
    Channel& channel = scene.channels[sensor.channel];
    if (!channel.modality.empty() && channel.modality != sensor.modality)
      throw InputError(sensor_file, row_field(sensor.token, "modality"),
                       "channel " + sensor.channel + " is both " + channel.modality + " and " + sensor.modality);
    channel.name = sensor.channel;
    channel.modality = sensor.modality;
    SensorSample sample;
    sample.token = token;
    sample.sample_token = row.sample_token;
    sample.timestamp_us = row.timestamp_us;
    sample.is_key_frame = row.is_key_frame;
    sample.file = scene.dataroot / row.filename;
    sample.T_ego_sensor = cs.T_ego_sensor;
    sample.T_world_ego = pose.T_world_ego;
    if (sensor.modality == "camera") {
      if (row.width <= 0 || row.height <= 0)
        throw InputError(sd_file, row_field(token, row.width <= 0 ? "width" : "height"),
                         "a camera image needs a positive size");
      check_image_size(row.width, row.height, sd_file, row_field(token, "width, height"));
      try {
        sample.camera = pinhole_camera(cs.camera_intrinsic, row.width, row.height);
      } catch (const std::invalid_argument& e) {
        throw InputError(cs_file, row_field(cs.token, "camera_intrinsic"), e.what());
      }
    }
    channel.samples.push_back(std::move(sample));
    rows_of[sensor.channel].push_back(&row);
  }

  std::map<std::string, size_t> sample_index;
  for (size_t i = 0; i < scene.samples.size(); ++i) sample_index[scene.samples[i].token] = i;
  for (auto& [name, channel] : scene.channels) {
    std::vector<const SampleData*>& rows = rows_of[name];
    order_and_check_links(channel, rows, sample_data, sd_file);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i]->is_key_frame) continue;
      const auto index = sample_index.find(rows[i]->sample_token);
      if (index == sample_index.end())  // a sample of this scene that is not on its chain
        throw InputError(sd_file, row_field(rows[i]->token, "sample_token"),
                         "sample " + rows[i]->sample_token + " belongs to scene " + scene.name +
                             " but is not on its first_sample_token -> next chain");
      auto& keyframes = scene.samples[index->second].keyframes;
      if (!keyframes.emplace(name, i).second)
        throw InputError(sd_file, row_field(rows[i]->token, "is_key_frame"),
                         "second " + name + " keyframe of sample " + rows[i]->sample_token + " (the first is " +
                             channel.samples[keyframes[name]].token + ")");
    }
    if (channel.modality != "lidar") continue;
    if (!scene.lidar_channel.empty())
      throw InputError(sensor_file, "",
                       "scene " + scene.name + " has two lidar channels: " + scene.lidar_channel + " and " + name +
                           " (one is supported)");
    scene.lidar_channel = name;
  }
  if (scene.lidar_channel.empty()) throw InputError(sd_file, "", "scene " + scene.name + " has no lidar sample_data");
  for (const SceneSample& sample : scene.samples)
    if (!sample.keyframes.count(scene.lidar_channel))
      throw InputError(sd_file, "sample " + sample.token, "has no " + scene.lidar_channel + " keyframe");
}

}  // namespace fuselabel::nuscenes
