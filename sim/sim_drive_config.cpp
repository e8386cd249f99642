#include "sim/sim_drive_config.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr int64_t kLatestStartTimeUs = 4'102'444'800'000'000;

class Checker {
 public:
  explicit Checker(std::string prefix) : prefix_(std::move(prefix)) {}
  Checker sub(const std::string& name) const { return Checker(prefix_ + name + "."); }
  void require(bool ok, const std::string& field, const std::string& problem) const {
    if (!ok) throw std::invalid_argument(prefix_ + field + ": " + problem);
  }
  void positive(double v, const std::string& field) const { require(v > 0 && std::isfinite(v), field, "must be > 0"); }
  void non_negative(double v, const std::string& field) const {
    require(v >= 0 && std::isfinite(v), field, "must be >= 0");
  }
  void probability(double v, const std::string& field) const { require(v >= 0 && v <= 1, field, "must lie in [0, 1]"); }

 private:
  std::string prefix_;
};

bool plain_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

void check_mount(const Checker& c, const SimMount& m) {
  for (double v : {m.position.x, m.position.y, m.position.z, m.yaw, m.pitch, m.roll})
    c.require(std::isfinite(v), "mount", "must be finite");
}

void check_lidar(const Checker& c, const SimLidarSpec& l) {
  c.positive(l.rate_hz, "rate_hz");
  c.non_negative(l.time_offset, "time_offset");
  check_mount(c, l.mount);
  c.require(l.beams >= 1 && l.beams <= 1024, "beams", "must lie in [1, 1024]");
  c.require(l.elevations.empty() || static_cast<int>(l.elevations.size()) == l.beams, "elevations",
            "must list one elevation per beam");
  for (double e : l.elevations) c.require(std::fabs(e) <= kPi / 2, "elevations", "must lie in [-pi/2, pi/2]");
  c.require(l.elevation_min <= l.elevation_max && l.elevation_max <= kPi / 2 && l.elevation_min >= -kPi / 2,
            "elevation_min", "needs -pi/2 <= elevation_min <= elevation_max <= pi/2");
  c.require(l.azimuth_steps >= 8 && l.azimuth_steps <= 100000, "azimuth_steps", "must lie in [8, 100000]");
  c.require(l.min_range >= 0 && l.min_range < l.max_range && std::isfinite(l.max_range), "min_range",
            "needs 0 <= min_range < max_range");
  c.non_negative(l.range_noise, "range_noise");
  c.probability(l.dropout, "dropout");
}

void check_radar(const Checker& c, const SimRadarSpec& r) {
  c.positive(r.rate_hz, "rate_hz");
  c.non_negative(r.time_offset, "time_offset");
  check_mount(c, r.mount);
  c.require(r.fov_azimuth > 0 && r.fov_azimuth < 2 * kPi, "fov_azimuth", "must lie in (0, 2 pi)");
  c.require(r.fov_elevation > 0 && r.fov_elevation < kPi, "fov_elevation", "must lie in (0, pi)");
  c.require(r.ray_spacing > 0 && r.fov_azimuth / r.ray_spacing <= 20000 && r.fov_elevation / r.ray_spacing <= 2000,
            "ray_spacing", "must be > 0 and give at most 20000 x 2000 rays");
  c.require(r.min_range >= 0 && r.min_range < r.max_range && std::isfinite(r.max_range), "min_range",
            "needs 0 <= min_range < max_range");
  for (auto [v, name] : {std::pair{r.range_noise, "range_noise"}, {r.azimuth_noise, "azimuth_noise"},
                         {r.elevation_noise, "elevation_noise"}, {r.velocity_noise, "velocity_noise"},
                         {r.rcs_noise, "rcs_noise"}, {r.false_alarms, "false_alarms"}})
    c.non_negative(v, name);
  c.require(r.false_alarms <= 1000, "false_alarms", "must be at most 1000 per scan");
  c.probability(r.detection_probability, "detection_probability");
  c.require(r.max_detections_per_actor >= 1, "max_detections_per_actor", "must be at least 1");
}

void check_camera(const Checker& c, const SimCameraSpec& cam) {
  c.require(cam.model == CameraModelType::Pinhole || cam.model == CameraModelType::BrownConrady ||
                cam.model == CameraModelType::Fisheye,
            "model", "must be pinhole, brown_conrady or fisheye");
  c.require(cam.width >= 1 && cam.width <= 16384 && cam.height >= 1 && cam.height <= 16384, "width",
            "width and height must lie in [1, 16384]");
  for (double v : {cam.fx, cam.fy, cam.cx, cam.cy}) c.require(std::isfinite(v), "fx", "intrinsics must be finite");
  const size_t n = cam.distortion.size();
  if (cam.model == CameraModelType::Pinhole) c.require(n == 0, "distortion", "a pinhole camera has none");
  if (cam.model == CameraModelType::BrownConrady)
    c.require(n == 4 || n == 5 || n == 8, "distortion", "brown_conrady takes k1 k2 p1 p2 [k3 [k4 k5 k6]]");
  if (cam.model == CameraModelType::Fisheye) c.require(n == 4, "distortion", "fisheye takes k1 k2 k3 k4");
  for (double v : cam.distortion) c.require(std::isfinite(v), "distortion", "must be finite");
  c.positive(cam.rate_hz, "rate_hz");
  c.non_negative(cam.time_offset, "time_offset");
  check_mount(c, cam.mount);
  c.require(cam.image_format == "jpg" || cam.image_format == "png", "image_format", "must be jpg or png");
  c.require(cam.jpeg_quality >= 1 && cam.jpeg_quality <= 100, "jpeg_quality", "must lie in [1, 100]");
}

}  // namespace

std::vector<SimRadarSpec> SimDriveConfig::default_radars() {
  SimRadarSpec front, back;
  back.name = "RADAR_BACK";
  back.mount = {{-1.0, 0.0, 0.5}, kPi, 0, 0};
  back.time_offset = 0.047;
  return {front, back};
}

std::vector<SimCameraSpec> SimDriveConfig::default_cameras() {
  SimCameraSpec front;
  front.fx = front.fy = 360;
  front.mount.pitch = 0.02;
  SimCameraSpec left;
  left.name = "CAM_FRONT_LEFT";
  left.model = CameraModelType::BrownConrady;
  left.fx = left.fy = 300;
  left.distortion = {-0.25, 0.06, 0.0008, -0.0005, -0.005};
  left.mount = {{1.5, 0.6, 1.5}, 0.95, 0.02, 0};
  left.time_offset = 0.021;
  SimCameraSpec fisheye;
  fisheye.name = "CAM_RIGHT_FISHEYE";
  fisheye.model = CameraModelType::Fisheye;
  fisheye.width = fisheye.height = 400;
  fisheye.fx = fisheye.fy = 125;
  fisheye.distortion = {0.02, -0.01, 0.002, -0.0005};
  fisheye.mount = {{1.0, -0.95, 1.1}, -kPi / 2, 0.35, 0};
  fisheye.rate_hz = 10;
  fisheye.time_offset = 0.033;
  return {front, left, fisheye};
}

void validate_sim_drive_config(const SimDriveConfig& config) {
  const Checker c("");
  c.require(plain_name(config.name), "name", "must be 1-64 letters, digits, '_' or '-'");
  c.positive(config.duration, "duration");
  c.require(config.duration <= 86400, "duration", "must be at most a day");
  // Unix microseconds up to 2100-01-01, so start + duration never leaves int64.
  c.require(config.start_time_us >= 0 && config.start_time_us <= kLatestStartTimeUs, "start_time_us",
            "must lie in [0, " + std::to_string(kLatestStartTimeUs) + "] (Unix microseconds, before 2100)");
  c.positive(config.ego_pose_rate_hz, "ego_pose_rate_hz");
  c.require(config.ego_pose_rate_hz >= 20 && config.ego_pose_rate_hz <= 1000, "ego_pose_rate_hz",
            "must lie in [20, 1000] (readers extrapolate at most 50 ms)");
  c.non_negative(config.timestamp_jitter, "timestamp_jitter");
  c.require(config.timestamp_jitter <= 0.001, "timestamp_jitter", "must be at most 1 ms");
  c.require(config.keyframe_interval >= 1, "keyframe_interval", "must be at least 1");
  c.positive(config.label_range, "label_range");
  c.require(config.min_visible_pixels >= 1, "min_visible_pixels", "must be at least 1");

  const Checker road = c.sub("road");
  const SimRoadConfig& r = config.road;
  road.require(r.lanes_per_direction >= 1 && r.lanes_per_direction <= 4, "lanes_per_direction", "must lie in [1, 4]");
  for (auto [v, name] : {std::pair{r.lane_width, "lane_width"}, {r.shoulder_width, "shoulder_width"},
                         {r.sidewalk_width, "sidewalk_width"}, {r.straight_min, "straight_min"}, {r.turn_max, "turn_max"}})
    road.positive(v, name);
  road.require(r.shoulder_width >= 1.5 && r.sidewalk_width >= 1.5, "shoulder_width",
               "shoulders and sidewalks must be at least 1.5 m wide");
  road.require(r.straight_min <= r.straight_max, "straight_max", "must be >= straight_min");
  const double outer = r.lanes_per_direction * r.lane_width + r.shoulder_width + r.sidewalk_width;
  road.require(r.radius_min > outer + 5, "radius_min", "must exceed the road's half width plus 5 m");
  road.require(r.radius_min <= r.radius_max, "radius_max", "must be >= radius_min");
  road.require(r.turn_max <= kPi / 2, "turn_max", "must be at most pi/2");
  road.probability(r.junction_probability, "junction_probability");

  const Checker ego = c.sub("ego");
  const SimEgoConfig& e = config.ego;
  ego.non_negative(e.initial_speed, "initial_speed");
  ego.non_negative(e.speed_min, "speed_min");
  ego.require(e.speed_min <= e.speed_max && e.speed_max > 0 && e.speed_max <= 40, "speed_max",
              "needs 0 <= speed_min <= speed_max, 0 < speed_max <= 40");
  ego.require(e.initial_speed <= 40, "initial_speed", "must be at most 40 m/s");
  for (auto [v, name] : {std::pair{e.speed_change_interval, "speed_change_interval"}, {e.acceleration, "acceleration"},
                         {e.deceleration, "deceleration"}, {e.lateral_acceleration, "lateral_acceleration"}})
    ego.positive(v, name);
  ego.non_negative(e.stop_duration, "stop_duration");
  ego.require(std::isfinite(e.first_stop) && std::isfinite(e.stop_interval), "first_stop", "must be finite");

  const Checker traffic = c.sub("traffic");
  const SimTrafficConfig& t = config.traffic;
  traffic.require(t.lead_headway >= 0.5 && t.lead_headway <= 10, "lead_headway", "must lie in [0.5, 10] s");
  for (auto [v, name] : {std::pair{t.overtaking_per_km, "overtaking_per_km"}, {t.oncoming_per_km, "oncoming_per_km"},
                         {t.cyclists_per_km, "cyclists_per_km"}, {t.pedestrians_per_km, "pedestrians_per_km"},
                         {t.crossing_pedestrians, "crossing_pedestrians"}, {t.parked_per_km, "parked_per_km"},
                         {t.barriers_per_km, "barriers_per_km"}}) {
    traffic.non_negative(v, name);
    traffic.require(v <= 1000, name, "must be at most 1000");
  }
  traffic.probability(t.turning_probability, "turning_probability");
  traffic.require(t.spawn_distance >= 20 && t.spawn_distance <= 1000, "spawn_distance", "must lie in [20, 1000] m");
  traffic.require(t.speed_change_interval == 0 || (t.speed_change_interval >= 0.5 && t.speed_change_interval <= 600),
                  "speed_change_interval", "must be 0 or lie in [0.5, 600] s");
  traffic.require(t.speed_change_rate >= 0.1 && t.speed_change_rate <= 10, "speed_change_rate",
                  "must lie in [0.1, 10] m/s^2");

  std::set<std::string> names;
  auto unique_name = [&](const Checker& at, const std::string& name) {
    at.require(plain_name(name), "name", "must be 1-64 letters, digits, '_' or '-'");
    at.require(names.insert(name).second, "name", "'" + name + "' is used by another sensor");
  };
  unique_name(c.sub("lidar"), config.lidar.name);
  check_lidar(c.sub("lidar"), config.lidar);
  for (size_t i = 0; i < config.radars.size(); ++i) {
    const Checker at = c.sub("radars[" + std::to_string(i) + "]");
    unique_name(at, config.radars[i].name);
    check_radar(at, config.radars[i]);
  }
  double fastest = config.lidar.rate_hz;
  for (size_t i = 0; i < config.cameras.size(); ++i) {
    const Checker at = c.sub("cameras[" + std::to_string(i) + "]");
    unique_name(at, config.cameras[i].name);
    check_camera(at, config.cameras[i]);
    fastest = std::max(fastest, config.cameras[i].rate_hz);
  }
  for (const SimRadarSpec& r : config.radars) fastest = std::max(fastest, r.rate_hz);
  c.require(fastest <= 1000, "rate_hz", "sensors sample at most 1000 times a second");
  c.require(config.timestamp_jitter < 0.25 / fastest, "timestamp_jitter", "must be below a quarter of every sensor's period");
}

Transform3d mount_transform(const SimMount& mount, bool optical) {
  const Mat3<double> yaw = Quat<double>::from_axis_angle({0, 0, 1}, mount.yaw).to_matrix();
  const Mat3<double> pitch = Quat<double>::from_axis_angle({0, 1, 0}, mount.pitch).to_matrix();
  const Mat3<double> roll = Quat<double>::from_axis_angle({1, 0, 0}, mount.roll).to_matrix();
  Mat3<double> R = yaw * pitch * roll;
  // Optical axes in the body frame: x_opt = -y_body, y_opt = -z_body, z_opt = x_body.
  if (optical) R = R * Mat3<double>{{0, 0, 1, -1, 0, 0, 0, -1, 0}};
  return {R, mount.position};
}

CameraModeld camera_model(const SimCameraSpec& spec) {
  CameraModeld cam;
  cam.type = spec.model;
  cam.width = spec.width, cam.height = spec.height;
  cam.fx = spec.fx > 0 ? spec.fx : spec.width / 2.0;
  cam.fy = spec.fy > 0 ? spec.fy : cam.fx;
  cam.cx = spec.cx > 0 ? spec.cx : (spec.width - 1) / 2.0;
  cam.cy = spec.cy > 0 ? spec.cy : (spec.height - 1) / 2.0;
  for (size_t i = 0; i < spec.distortion.size() && i < 8; ++i) cam.dist[i] = spec.distortion[i];
  cam.max_radius2 = lens_validity_radius2(cam);
  return cam;
}

}  // namespace fuselabel
