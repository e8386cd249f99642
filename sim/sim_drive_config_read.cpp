// read_sim_drive_config: strict YAML (every key known, every value typed and checked), missing
// keys keep their defaults.
#include <stdexcept>

#include "sim/sim_drive_config.h"
#include "model/input_error.h"
#include "io/common/yaml_field.h"

namespace fuselabel {
namespace {

void get(const YamlField& map, const char* key, double& out) {
  if (auto f = map.optional(key)) out = f->as_double();
}

void get(const YamlField& map, const char* key, int& out) {
  if (auto f = map.optional(key)) out = static_cast<int>(f->as_int(-1'000'000'000, 1'000'000'000));
}

void get(const YamlField& map, const char* key, int64_t& out) {
  if (auto f = map.optional(key)) out = f->as_int();
}

void get(const YamlField& map, const char* key, uint64_t& out) {
  if (auto f = map.optional(key)) out = f->as_uint();
}

void get(const YamlField& map, const char* key, std::string& out) {
  if (auto f = map.optional(key)) out = f->as_string();
}

void get(const YamlField& map, const char* key, bool& out) {
  if (auto f = map.optional(key)) {
    const std::string v = f->as_string();
    if (v != "true" && v != "false") f->fail("expected true or false, found '" + v + "'");
    out = v == "true";
  }
}

void get(const YamlField& map, const char* key, std::vector<double>& out) {
  if (auto f = map.optional(key)) out = f->as_doubles();
}

void get(const YamlField& map, const char* key, CameraModelType& out) {
  if (auto f = map.optional(key)) {
    const std::string v = f->as_string();
    if (v == "pinhole") out = CameraModelType::Pinhole;
    else if (v == "brown_conrady") out = CameraModelType::BrownConrady;
    else if (v == "fisheye") out = CameraModelType::Fisheye;
    else f->fail("unknown camera model '" + v + "' (expected pinhole, brown_conrady or fisheye)");
  }
}

void get(const YamlField& map, const char* key, SimMount& out) {
  const auto f = map.optional(key);
  if (!f) return;
  f->expect_keys({"position", "yaw", "pitch", "roll"});
  if (auto p = f->optional("position")) {
    const std::vector<double> v = p->as_doubles(3);
    out.position = {v[0], v[1], v[2]};
  }
  get(*f, "yaw", out.yaw);
  get(*f, "pitch", out.pitch);
  get(*f, "roll", out.roll);
}

void read_road(const YamlField& f, SimRoadConfig& r) {
  f.expect_keys({"lanes_per_direction", "lane_width", "shoulder_width", "sidewalk_width", "straight_min", "straight_max",
                 "radius_min", "radius_max", "turn_max", "junction_probability"});
  get(f, "lanes_per_direction", r.lanes_per_direction);
  get(f, "lane_width", r.lane_width);
  get(f, "shoulder_width", r.shoulder_width);
  get(f, "sidewalk_width", r.sidewalk_width);
  get(f, "straight_min", r.straight_min);
  get(f, "straight_max", r.straight_max);
  get(f, "radius_min", r.radius_min);
  get(f, "radius_max", r.radius_max);
  get(f, "turn_max", r.turn_max);
  get(f, "junction_probability", r.junction_probability);
}

void read_ego(const YamlField& f, SimEgoConfig& e) {
  f.expect_keys({"initial_speed", "speed_min", "speed_max", "speed_change_interval", "acceleration", "deceleration",
                 "lateral_acceleration", "first_stop", "stop_interval", "stop_duration"});
  get(f, "initial_speed", e.initial_speed);
  get(f, "speed_min", e.speed_min);
  get(f, "speed_max", e.speed_max);
  get(f, "speed_change_interval", e.speed_change_interval);
  get(f, "acceleration", e.acceleration);
  get(f, "deceleration", e.deceleration);
  get(f, "lateral_acceleration", e.lateral_acceleration);
  get(f, "first_stop", e.first_stop);
  get(f, "stop_interval", e.stop_interval);
  get(f, "stop_duration", e.stop_duration);
}

void read_traffic(const YamlField& f, SimTrafficConfig& t) {
  f.expect_keys({"lead_vehicle", "lead_headway", "overtaking_per_km", "oncoming_per_km", "cyclists_per_km",
                 "pedestrians_per_km", "crossing_pedestrians", "parked_per_km", "barriers_per_km",
                 "turning_probability", "spawn_distance", "speed_change_interval", "speed_change_rate"});
  get(f, "lead_vehicle", t.lead_vehicle);
  get(f, "lead_headway", t.lead_headway);
  get(f, "overtaking_per_km", t.overtaking_per_km);
  get(f, "oncoming_per_km", t.oncoming_per_km);
  get(f, "cyclists_per_km", t.cyclists_per_km);
  get(f, "pedestrians_per_km", t.pedestrians_per_km);
  get(f, "crossing_pedestrians", t.crossing_pedestrians);
  get(f, "parked_per_km", t.parked_per_km);
  get(f, "barriers_per_km", t.barriers_per_km);
  get(f, "turning_probability", t.turning_probability);
  get(f, "spawn_distance", t.spawn_distance);
  get(f, "speed_change_interval", t.speed_change_interval);
  get(f, "speed_change_rate", t.speed_change_rate);
}

void read_lidar(const YamlField& f, SimLidarSpec& l) {
  f.expect_keys({"name", "mount", "rate_hz", "time_offset", "beams", "elevation_max", "elevation_min", "elevations",
                 "azimuth_steps", "min_range", "max_range", "range_noise", "dropout", "freeze_actors"});
  get(f, "name", l.name);
  get(f, "mount", l.mount);
  get(f, "rate_hz", l.rate_hz);
  get(f, "time_offset", l.time_offset);
  if (auto elevations = f.optional("elevations")) {
    get(f, "elevations", l.elevations);
    if (l.elevations.empty()) elevations->fail("lists no elevation (give one per beam, or leave the key out)");
    l.beams = static_cast<int>(l.elevations.size());
  }
  get(f, "beams", l.beams);
  get(f, "elevation_max", l.elevation_max);
  get(f, "elevation_min", l.elevation_min);
  get(f, "azimuth_steps", l.azimuth_steps);
  get(f, "min_range", l.min_range);
  get(f, "max_range", l.max_range);
  get(f, "range_noise", l.range_noise);
  get(f, "dropout", l.dropout);
  get(f, "freeze_actors", l.freeze_actors);
}

SimRadarSpec read_radar(const YamlField& f) {
  SimRadarSpec r;
  f.expect_keys({"name", "mount", "rate_hz", "time_offset", "fov_azimuth", "fov_elevation", "ray_spacing", "min_range",
                 "max_range", "range_noise", "azimuth_noise", "elevation_noise", "velocity_noise", "rcs_noise",
                 "detection_probability", "max_detections_per_actor", "false_alarms"});
  get(f, "name", r.name);
  get(f, "mount", r.mount);
  get(f, "rate_hz", r.rate_hz);
  get(f, "time_offset", r.time_offset);
  get(f, "fov_azimuth", r.fov_azimuth);
  get(f, "fov_elevation", r.fov_elevation);
  get(f, "ray_spacing", r.ray_spacing);
  get(f, "min_range", r.min_range);
  get(f, "max_range", r.max_range);
  get(f, "range_noise", r.range_noise);
  get(f, "azimuth_noise", r.azimuth_noise);
  get(f, "elevation_noise", r.elevation_noise);
  get(f, "velocity_noise", r.velocity_noise);
  get(f, "rcs_noise", r.rcs_noise);
  get(f, "detection_probability", r.detection_probability);
  get(f, "max_detections_per_actor", r.max_detections_per_actor);
  get(f, "false_alarms", r.false_alarms);
  return r;
}

SimCameraSpec read_camera(const YamlField& f) {
  SimCameraSpec c;
  f.expect_keys({"name", "mount", "model", "width", "height", "fx", "fy", "cx", "cy", "distortion", "rate_hz",
                 "time_offset", "image_format", "jpeg_quality"});
  get(f, "name", c.name);
  get(f, "mount", c.mount);
  get(f, "model", c.model);
  get(f, "width", c.width);
  get(f, "height", c.height);
  get(f, "fx", c.fx);
  get(f, "fy", c.fy);
  get(f, "cx", c.cx);
  get(f, "cy", c.cy);
  get(f, "distortion", c.distortion);
  get(f, "rate_hz", c.rate_hz);
  get(f, "time_offset", c.time_offset);
  get(f, "image_format", c.image_format);
  get(f, "jpeg_quality", c.jpeg_quality);
  return c;
}

}  // namespace

SimDriveConfig read_sim_drive_config(const std::filesystem::path& path) {
  const YamlField root = YamlField::load_file(path);
  root.expect_keys({"name", "seed", "duration", "start_time_us", "ego_pose_rate_hz", "timestamp_jitter",
                    "keyframe_interval", "label_range", "min_visible_pixels", "road", "ego", "traffic", "lidar",
                    "radars", "cameras"});
  SimDriveConfig config;
  get(root, "name", config.name);
  get(root, "seed", config.seed);
  get(root, "duration", config.duration);
  get(root, "start_time_us", config.start_time_us);
  get(root, "ego_pose_rate_hz", config.ego_pose_rate_hz);
  get(root, "timestamp_jitter", config.timestamp_jitter);
  get(root, "keyframe_interval", config.keyframe_interval);
  get(root, "label_range", config.label_range);
  get(root, "min_visible_pixels", config.min_visible_pixels);
  if (auto f = root.optional("road")) read_road(*f, config.road);
  if (auto f = root.optional("ego")) read_ego(*f, config.ego);
  if (auto f = root.optional("traffic")) read_traffic(*f, config.traffic);
  if (auto f = root.optional("lidar")) read_lidar(*f, config.lidar);
  if (auto f = root.optional("radars")) {  // a list replaces the default rig's radars
    config.radars.clear();
    for (const YamlField& item : f->items()) config.radars.push_back(read_radar(item));
  }
  if (auto f = root.optional("cameras")) {
    config.cameras.clear();
    for (const YamlField& item : f->items()) config.cameras.push_back(read_camera(item));
  }
  try {
    validate_sim_drive_config(config);
  } catch (const std::invalid_argument& e) {
    throw InputError(path, "", e.what());
  }
  return config;
}

}  // namespace fuselabel
