#include "sim/ego_plan.h"

#include <algorithm>
#include <cmath>

#include "sim/sim_random.h"

namespace fuselabel {
namespace {

constexpr double kStep = 0.1;             // s: the driver revises its acceleration this often
constexpr double kCurveLookStep = 5.0;    // m between curvature samples ahead
constexpr double kCurveLookExtra = 30.0;  // m looked ahead beyond the braking distance

// Highest speed now from which every curve ahead can still be taken at its limit by braking
// comfortably: min over s' of sqrt(v_curve(s')^2 + 2 b (s' - s)).
double curve_speed_limit(const SimPath& path, double s, double v, const SimEgoConfig& config) {
  const double b = config.deceleration;
  const double look = v * v / (2 * b) + kCurveLookExtra;
  double limit = INFINITY;
  for (double ahead = 0; ahead <= look; ahead += kCurveLookStep) {
    const double k = std::fabs(path.pose_at(s + ahead).curvature);
    if (k == 0) continue;
    const double v_curve = std::sqrt(config.lateral_acceleration / k);
    limit = std::min(limit, std::sqrt(v_curve * v_curve + 2 * b * ahead));
  }
  return limit;
}

}  // namespace

void plan_ego(SimDriveWorld& world, const SimEgoConfig& config, double s_start, double horizon, double queue_ahead,
              uint64_t seed) {
  SimRandom random(seed);
  const double d_lane = world.road.ego_lane();
  world.ego.path = world.road.center.offset(d_lane, 0.0, world.road.center.length());
  const SimPath& path = world.ego.path;
  SpeedProfile profile(0.0, s_start, config.initial_speed);
  world.stops.clear();

  double cruise = config.initial_speed;
  double next_change = config.speed_change_interval;
  double next_rest = config.first_stop > 0 ? config.first_stop : INFINITY;
  while (profile.end_time() < horizon) {
    const double t = profile.end_time();
    const MotionState now = profile.end_state();
    if (t >= next_change) {
      cruise = random.uniform(config.speed_min, config.speed_max);
      next_change += config.speed_change_interval;
    }
    // Brake for the next stop when braking comfortably from here would come to rest on time.
    if (t + now.v / config.deceleration >= next_rest) {
      const double s_rest = now.s + now.v * now.v / (2 * config.deceleration);
      if (now.v > 0) profile.stop_at(s_rest);
      SimEgoStop stop;
      stop.t_rest = profile.end_time();
      profile.hold(config.stop_duration);
      stop.t_leave = profile.end_time();
      stop.crosswalk_s = world.road.center.center_length(d_lane, s_rest + queue_ahead) + kQueueFrontBeforeCrosswalk;
      add_crosswalk(world.road, stop.crosswalk_s);
      world.stops.push_back(stop);
      next_rest = config.stop_interval > 0 ? stop.t_leave + config.stop_interval * random.uniform(0.75, 1.25) : INFINITY;
      continue;
    }
    const double wanted = std::min(cruise, curve_speed_limit(path, now.s, now.v, config));
    const double a = std::clamp((wanted - now.v) / kStep, -config.deceleration, config.acceleration);
    profile.accelerate(kStep, std::max(a, -now.v / kStep));
  }
  world.ego.profile = profile;
}

}  // namespace fuselabel
