#include "sim/lidar_sim.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/lidar_return.h"
#include "sim/sim_random.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
// Counter slots of one ray's random values (sim_random.h): 0 decides dropout, 1.. feed noise.
constexpr uint64_t kDropoutDraw = 0, kFirstNoiseDraw = 1;

void require(bool ok, const char* field, const std::string& problem) {
  if (!ok) throw std::invalid_argument(std::string("LidarConfig.") + field + ": " + problem);
}

}  // namespace

void validate_lidar_config(const LidarConfig& config) {
  require(config.beams >= 1, "beams", "must be at least 1");
  require(config.azimuth_steps >= 1, "azimuth_steps", "must be at least 1");
  require(config.elevation_max_deg <= 90 && config.elevation_min_deg >= -90 &&
              config.elevation_min_deg <= config.elevation_max_deg,
          "elevation_min_deg", "the beams must span -90 <= min <= max <= 90 degrees");
  require(config.min_range >= 0 && config.min_range < config.max_range, "min_range",
          "must satisfy 0 <= min_range < max_range");
  require(config.range_noise_sigma >= 0 && std::isfinite(config.range_noise_sigma), "range_noise_sigma",
          "must be finite and >= 0");
  require(config.dropout_probability >= 0 && config.dropout_probability <= 1, "dropout_probability",
          "must lie in [0, 1]");
}

SimLidarSweep simulate_lidar(const SimScene& scene, const LidarConfig& config) {
  validate_lidar_config(config);
  const SceneRayCaster caster(scene);
  std::vector<CuboidFrame<double>> boxes;
  for (const SimActor& actor : scene.actors) boxes.push_back(make_cuboid_frame(actor.box));
  const double elevation_step =
      config.beams > 1 ? (config.elevation_max_deg - config.elevation_min_deg) / (config.beams - 1) : 0.0;
  SimLidarSweep sweep;
  for (int step = 0; step < config.azimuth_steps; ++step) {
    const double azimuth = 2 * kPi * step / config.azimuth_steps;
    for (int beam = 0; beam < config.beams; ++beam) {
      const double elevation = (config.elevation_max_deg - beam * elevation_step) * kPi / 180;
      const Ray ray = {{0, 0, 0},
                       {std::cos(elevation) * std::cos(azimuth), std::cos(elevation) * std::sin(azimuth),
                        std::sin(elevation)}};
      const uint64_t ray_index = static_cast<uint64_t>(step) * config.beams + beam;
      const RayHit hit = caster.cast(ray, 0.0, config.max_range);
      if (hit.surface == HitSurface::None || hit.distance < config.min_range) continue;
      if (unit_from_bits(counter_bits(config.seed, ray_index, kDropoutDraw)) < config.dropout_probability) continue;

      const double noise = config.range_noise_sigma * truncated_normal(config.seed, ray_index, kFirstNoiseDraw);
      double range;
      if (!place_lidar_return(ray, hit.distance, noise, hit.actor, boxes, range)) continue;
      const Vec3<double> p = range * ray.direction;

      const double reflectivity = hit.surface == HitSurface::Actor   ? scene.actors[hit.actor].lidar_reflectivity
                                  : on_lane_mark(scene, hit.point.x, hit.point.y) ? scene.paint_reflectivity
                                                                                  : scene.asphalt_reflectivity;
      // Lambertian: the returned power falls with the cosine of the incidence angle.
      const double cos_incidence = -dot(hit.normal, ray.direction);
      const double intensity = std::fmin(1.0, std::fmax(0.0, reflectivity * cos_incidence));
      sweep.records.insert(sweep.records.end(), {static_cast<float>(p.x), static_cast<float>(p.y),
                                                 static_cast<float>(p.z), static_cast<float>(intensity)});
      sweep.hit_actor.push_back(hit.surface == HitSurface::Actor ? hit.actor : -1);
    }
  }
  return sweep;
}

}  // namespace fuselabel
