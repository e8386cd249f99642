#include "sim/drive_radar.h"

#include <algorithm>
#include <cmath>

#include "sim/ray_cast.h"
#include "sim/sim_random.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
// Counter elements (sim_random.h): actors use their index; false alarms live far above them.
constexpr uint64_t kFalseAlarmElement = uint64_t{1} << 40;
// Counter slots of an actor: 0 detection, 1..8 which rays, 16.. noise of detection i.
constexpr uint64_t kDetectDraw = 0, kPickDraw = 1, kNoiseDraw = 16, kNoiseDrawsPerDetection = 40;
constexpr int kPickAttempts = 8;

double normal(uint64_t seed, uint64_t element, uint64_t k) { return truncated_normal(seed, element, k); }

struct ActorHit {
  int actor;
  Vec3<double> point;  // radar frame
};

void append(SimRadarScan& scan, double range, double azimuth, double elevation, double vr, double rcs, int actor) {
  const double ce = std::cos(elevation);
  scan.records.insert(scan.records.end(), {static_cast<float>(range * ce * std::cos(azimuth)),
                                           static_cast<float>(range * ce * std::sin(azimuth)),
                                           static_cast<float>(range * std::sin(elevation)), static_cast<float>(vr),
                                           static_cast<float>(rcs)});
  scan.hit_actor.push_back(actor);
}

}  // namespace

double radar_detection_probability(const SimRadarSpec& spec, double rcs_dbsm, double range) {
  const double reach = spec.max_range * std::pow(10.0, (rcs_dbsm - 10.0) / 40.0);
  if (range > std::min(reach, spec.max_range)) return 0.0;
  return spec.detection_probability * (1.0 - std::pow(range / reach, 4));
}

SimRadarScan simulate_radar_scan(const SimDriveWorld& world, const SimRadarSpec& spec, const Transform3d& T_ego_radar,
                                 double t, uint64_t seed) {
  const SimEgoState ego = world.ego.state(t);
  const Transform3d T_world_radar = ego.T_world_ego * T_ego_radar;
  const Transform3d T_radar_world = T_world_radar.inverse();
  const Vec3<double> sensor_velocity = ego.point_velocity(T_ego_radar.t);

  std::vector<int> actors;
  std::vector<SimBodyState> states;
  std::vector<CuboidFrame<double>> boxes;  // radar frame
  for (int a : world.actors_near(t, t, spec.max_range + 5)) {
    if (!world.actors[a].exists(t)) continue;
    actors.push_back(a);
    states.push_back(actor_state(world.actors[a], t));
    boxes.push_back(make_cuboid_frame(transform_cuboid(T_radar_world, states.back().box)));
  }
  const Vec3<double> up = {T_world_radar.R(2, 0), T_world_radar.R(2, 1), T_world_radar.R(2, 2)};
  const int n_az = static_cast<int>(std::ceil(spec.fov_azimuth / spec.ray_spacing)) + 1;
  const int n_el = static_cast<int>(std::ceil(spec.fov_elevation / spec.ray_spacing)) + 1;
  std::vector<std::vector<Vec3<double>>> hits(actors.size());  // per candidate, in ray order
  for (int i = 0; i < n_az; ++i) {
    const double az = -spec.fov_azimuth / 2 + spec.fov_azimuth * i / (n_az - 1);
    for (int j = 0; j < n_el; ++j) {
      const double el = -spec.fov_elevation / 2 + spec.fov_elevation * j / (n_el - 1);
      const Ray ray = {{0, 0, 0}, {std::cos(el) * std::cos(az), std::cos(el) * std::sin(az), std::sin(el)}};
      double best = spec.max_range, t_hit;
      int nearest = -1;
      Vec3<double> n;
      if (intersect_ray_plane(ray, up, -T_world_radar.t.z, 0.0, t_hit) && t_hit < best) best = t_hit;  // occludes only
      for (size_t c = 0; c < boxes.size(); ++c)
        if (intersect_ray_cuboid(ray, boxes[c], 0.0, t_hit, n) && t_hit < best) best = t_hit, nearest = static_cast<int>(c);
      if (nearest >= 0 && best >= spec.min_range) hits[nearest].push_back(best * ray.direction);
    }
  }

  SimRadarScan scan;
  for (size_t c = 0; c < actors.size(); ++c) {
    if (hits[c].empty()) continue;
    const SimDriveActor& actor = world.actors[actors[c]];
    const uint64_t element = static_cast<uint64_t>(actors[c]);
    double range = INFINITY;
    for (const Vec3<double>& p : hits[c]) range = std::min(range, std::sqrt(dot(p, p)));
    if (unit_from_bits(counter_bits(seed, element, kDetectDraw)) >= radar_detection_probability(spec, actor.rcs_dbsm, range))
      continue;  // missed
    const int wanted = std::min<int>({spec.max_detections_per_actor, 1 + static_cast<int>(actor.size.x / 4),
                                      static_cast<int>(hits[c].size())});
    std::vector<int> picked;
    for (uint64_t k = kPickDraw; static_cast<int>(picked.size()) < wanted && k < kPickDraw + kPickAttempts * wanted; ++k) {
      const int i = static_cast<int>(unit_from_bits(counter_bits(seed, element, k)) * hits[c].size());
      if (std::find(picked.begin(), picked.end(), i) == picked.end()) picked.push_back(i);
    }
    std::sort(picked.begin(), picked.end());
    for (size_t d = 0; d < picked.size(); ++d) {
      const Vec3<double> p = hits[c][picked[d]];
      const Vec3<double> p_world = T_world_radar * p;
      const Vec3<double> relative = states[c].point_velocity(p_world) - sensor_velocity;
      const double r = std::sqrt(dot(p, p));
      const double vr = dot(relative, (1.0 / r) * (p_world - T_world_radar.t));
      const uint64_t k = kNoiseDraw + d * kNoiseDrawsPerDetection;
      append(scan, r + spec.range_noise * normal(seed, element, k),
             std::atan2(p.y, p.x) + spec.azimuth_noise * normal(seed, element, k + 8),
             std::asin(p.z / r) + spec.elevation_noise * normal(seed, element, k + 16),
             vr + spec.velocity_noise * normal(seed, element, k + 24),
             actor.rcs_dbsm + spec.rcs_noise * normal(seed, element, k + 32), actors[c]);
    }
  }

  // False alarms: clutter anywhere in the field of view, moving like the static world.
  int count = 0;
  const double limit = std::exp(-std::min(spec.false_alarms, 700.0));
  uint64_t draw = 0;
  for (double product = unit_from_bits(counter_bits(seed, kFalseAlarmElement, draw++)); product > limit && count < 10000;
       product *= unit_from_bits(counter_bits(seed, kFalseAlarmElement, draw++)))
    ++count;
  for (int i = 0; i < count; ++i) {
    const uint64_t element = kFalseAlarmElement + 1 + i;
    auto uniform = [&](uint64_t k, double lo, double hi) { return lo + (hi - lo) * unit_from_bits(counter_bits(seed, element, k)); };
    const double range = uniform(0, spec.min_range, spec.max_range);
    const double az = uniform(1, -spec.fov_azimuth / 2, spec.fov_azimuth / 2);
    const double el = uniform(2, -spec.fov_elevation / 2, spec.fov_elevation / 2);
    const Vec3<double> direction = {std::cos(el) * std::cos(az), std::cos(el) * std::sin(az), std::sin(el)};
    const double vr = -dot(sensor_velocity, T_world_radar.R * direction);
    append(scan, range, az, el, vr + spec.velocity_noise * normal(seed, element, 3), uniform(12, -15.0, -5.0), -1);
  }
  return scan;
}

}  // namespace fuselabel
