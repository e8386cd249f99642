#include "sim/drive_lidar.h"

#include <algorithm>
#include <cmath>

#include "sim/lidar_return.h"
#include "sim/road_surface.h"
#include "sim/sim_random.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr uint64_t kDropoutDraw = 0, kFirstNoiseDraw = 1;  // counter slots of a ray
constexpr int kWedgeSamples = 5;           // times per sweep at which an actor's bearing is taken
constexpr double kWedgeMargin = 0.05;      // rad: bearing change between those samples

// Azimuth interval (centre +- half width, in the LiDAR frame) that an actor can occupy during
// the sweep; half width >= pi means every column.
struct Wedge {
  int actor;
  double centre, half_width;
};

// When the ray fired at drive time t sees the actors: then, or at the sweep's start t0.
double actor_time(const SimLidarSpec& spec, double t0, double t) { return spec.freeze_actors ? t0 : t; }

Wedge actor_wedge(const SimDriveWorld& world, const SimLidarSpec& spec, int a, const Transform3d& T_ego_lidar,
                  double t0, double period) {
  const SimDriveActor& actor = world.actors[a];
  const double radius = std::sqrt(dot(actor.size, actor.size)) / 2;
  double bearings[kWedgeSamples], half_angle = 0;
  for (int i = 0; i < kWedgeSamples; ++i) {
    const double t = t0 + period * i / (kWedgeSamples - 1);
    const Transform3d T_lidar_world = (world.ego.state(t).T_world_ego * T_ego_lidar).inverse();
    const Vec3<double> c = T_lidar_world * actor_state(actor, actor_time(spec, t0, t)).box.center;
    const double range = std::hypot(c.x, c.y);
    if (range <= radius + 0.5) return {a, 0.0, kPi};
    bearings[i] = std::atan2(c.y, c.x);
    half_angle = std::max(half_angle, std::asin(radius / range));
  }
  const double centre = bearings[kWedgeSamples / 2];
  double spread = 0;
  for (double b : bearings) spread = std::max(spread, std::fabs(std::remainder(b - centre, 2 * kPi)));
  return {a, centre, spread + half_angle + kWedgeMargin};
}

}  // namespace

std::vector<double> beam_elevations(const SimLidarSpec& spec) {
  if (!spec.elevations.empty()) return spec.elevations;
  std::vector<double> out(spec.beams);
  const double step = spec.beams > 1 ? (spec.elevation_max - spec.elevation_min) / (spec.beams - 1) : 0.0;
  for (int b = 0; b < spec.beams; ++b) out[b] = spec.elevation_max - b * step;
  return out;
}

SimSweep simulate_lidar_sweep(const SimDriveWorld& world, const SimLidarSpec& spec, const Transform3d& T_ego_lidar,
                              double t0, uint64_t seed) {
  const double period = 1.0 / spec.rate_hz;
  const std::vector<double> elevations = beam_elevations(spec);
  const int beams = static_cast<int>(elevations.size());
  std::vector<Wedge> wedges;
  for (int a : world.actors_near(t0, t0 + period, spec.max_range + 5))
    wedges.push_back(actor_wedge(world, spec, a, T_ego_lidar, t0, period));
  const double s_lo = world.ego_center_s(t0), s_hi = world.ego_center_s(t0 + period);
  const RoadSurface surface(world.road, s_lo - spec.max_range - 20, s_hi + spec.max_range + 20);

  SimSweep sweep;
  std::vector<int> candidates;
  std::vector<CuboidFrame<double>> boxes;  // candidates' cuboids in the LiDAR frame of the column
  int hint = -1;
  for (int k = 0; k < spec.azimuth_steps; ++k) {
    const double t_offset = period * k / spec.azimuth_steps;
    const double t = t0 + t_offset, t_actors = actor_time(spec, t0, t);
    const double azimuth = kPi - 2 * kPi * k / spec.azimuth_steps;
    const Transform3d T_world_lidar = world.ego.state(t).T_world_ego * T_ego_lidar;
    const Transform3d T_lidar_world = T_world_lidar.inverse();
    candidates.clear();
    boxes.clear();
    for (const Wedge& w : wedges) {
      if (std::fabs(std::remainder(azimuth - w.centre, 2 * kPi)) > w.half_width) continue;
      const SimDriveActor& actor = world.actors[w.actor];
      if (!actor.exists(t_actors)) continue;
      candidates.push_back(w.actor);
      boxes.push_back(make_cuboid_frame(transform_cuboid(T_lidar_world, actor_state(actor, t_actors).box)));
    }
    // The ground z = 0 in the LiDAR frame: {p : r2 . p = -height}, r2 the third row of R_world_lidar.
    const Vec3<double> up = {T_world_lidar.R(2, 0), T_world_lidar.R(2, 1), T_world_lidar.R(2, 2)};
    const double ground_offset = -T_world_lidar.t.z;
    for (int b = 0; b < beams; ++b) {
      const double e = elevations[b];
      const Ray ray = {{0, 0, 0}, {std::cos(e) * std::cos(azimuth), std::cos(e) * std::sin(azimuth), std::sin(e)}};
      double best = spec.max_range, t_hit;
      int hit_box = -2;  // -2: nothing, -1: ground, else index into boxes
      Vec3<double> normal = {0, 0, 0}, n;
      if (intersect_ray_plane(ray, up, ground_offset, 0.0, t_hit) && t_hit <= best) best = t_hit, hit_box = -1, normal = up;
      for (size_t c = 0; c < boxes.size(); ++c)
        if (intersect_ray_cuboid(ray, boxes[c], 0.0, t_hit, n) && t_hit <= spec.max_range && t_hit < best)
          best = t_hit, hit_box = static_cast<int>(c), normal = n;
      if (hit_box == -2 || best < spec.min_range) continue;
      const uint64_t ray_index = static_cast<uint64_t>(k) * beams + b;
      if (unit_from_bits(counter_bits(seed, ray_index, kDropoutDraw)) < spec.dropout) continue;
      const double noise = spec.range_noise * truncated_normal(seed, ray_index, kFirstNoiseDraw);
      double range;
      if (!place_lidar_return(ray, best, noise, hit_box, boxes, range)) continue;
      const int hit_actor = hit_box >= 0 ? candidates[hit_box] : -1;
      double reflectivity;
      if (hit_actor >= 0) {
        reflectivity = world.actors[hit_actor].lidar_reflectivity;
      } else {
        const Vec3<double> p_world = T_world_lidar * (best * ray.direction);
        reflectivity = lidar_reflectivity(surface.material_at(p_world.x, p_world.y, hint));
      }
      const double intensity = std::clamp(reflectivity * -dot(normal, ray.direction), 0.0, 1.0);
      const Vec3<double> p = range * ray.direction;
      sweep.records.insert(sweep.records.end(), {static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z),
                                                 static_cast<float>(intensity), static_cast<float>(t_offset)});
      sweep.hit_actor.push_back(hit_actor);
    }
  }
  return sweep;
}

}  // namespace fuselabel
