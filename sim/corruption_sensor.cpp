// Sensor errors: camera time offsets, camera and radar extrinsic drifts for the simulator to
// render, and their injected-error records.
#include <algorithm>
#include <cmath>

#include "projection/angle_axis.h"
#include "sim/corruption.h"
#include "sim/corruption_work.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

std::vector<std::string> sensor_names(const Drive& drive, SensorKind kind) {
  std::vector<std::string> names;
  if (drive.rigs.empty()) return names;
  for (const Sensor& sensor : drive.rigs.front().sensors)
    if (sensor.kind == kind) names.push_back(sensor.name);
  return names;
}

// Uniform on the unit sphere (z uniform in [-1, 1] and longitude uniform: Archimedes).
Vec3<double> random_direction(SimRandom& rng) {
  const double z = rng.uniform(-1.0, 1.0), longitude = rng.uniform(-kPi, kPi);
  const double r = std::sqrt(std::max(0.0, 1 - z * z));
  return {r * std::cos(longitude), r * std::sin(longitude), z};
}

Transform3d draw_extrinsic_error(SimRandom& rng, const ExtrinsicDriftSpec& spec) {
  const Vec3<double> axis = random_direction(rng);
  const double angle = rng.uniform(spec.rotation_deg.min, spec.rotation_deg.max) * kPi / 180;
  const Vec3<double> direction = random_direction(rng);
  const double distance = rng.uniform(spec.translation_m.min, spec.translation_m.max);
  return Transform3d::from_rotation_translation(Quat<double>::from_axis_angle(axis, angle), distance * direction);
}

double norm(Vec3<double> v) { return std::sqrt(dot(v, v)); }

// Extrinsic drifts of one sensor kind, from the type's own stream: each on a sensor without an
// error yet, from a frame in [1, frames - 1] (a drift needs a frame before it, or it is just a
// wrong calibration). add(sensor, from_frame, T_nominal_true) records one.
template <typename Add>
void draw_extrinsic_drifts(CorruptionType type, const ExtrinsicDriftSpec& spec, const std::vector<std::string>& sensors,
                           std::vector<bool>& faulty, int64_t frames, uint64_t seed, Add add) {
  SimRandom rng(derive_seed(seed, 1 + static_cast<uint64_t>(type)));
  place_in_random_order(sensors.size(), spec.amount.planned(static_cast<int64_t>(sensors.size())), rng,
                        [&](size_t sensor) {
                          if (faulty[sensor] || frames < 2) return false;
                          faulty[sensor] = true;
                          const int64_t from_frame = draw_int(rng, {1, frames - 1});
                          add(sensors[sensor], from_frame, draw_extrinsic_error(rng, spec));
                          return true;
                        });
}

InjectedError extrinsic_drift_error(CorruptionType type, const std::string& sensor, int64_t from_frame,
                                    const Transform3d& T_nominal_true, const LidarFrameClock& clock) {
  InjectedError error;
  error.type = type;
  error.frame = from_frame;
  error.timestamp_us = clock.timestamp(from_frame);
  error.sensor = sensor;
  const AngleAxis a = angle_axis(T_nominal_true.R);
  const Vec3<double>& axis = a.axis;
  const Vec3<double>& t = T_nominal_true.t;
  error.parameters = {{"rotation_deg", a.angle * 180 / kPi},
                      {"axis_x", axis.x},
                      {"axis_y", axis.y},
                      {"axis_z", axis.z},
                      {"translation_m", norm(t)},
                      {"tx_m", t.x},
                      {"ty_m", t.y},
                      {"tz_m", t.z}};
  return error;
}

}  // namespace

SensorFaults draw_sensor_faults(const Drive& drive, const CorruptionProfile& profile, uint64_t seed) {
  const std::vector<std::string> cameras = sensor_names(drive, SensorKind::Camera);
  const int64_t frames = LidarFrameClock(drive).frame_count();
  std::vector<bool> faulty(cameras.size(), false);  // one sensor error per camera: unambiguous cause
  SensorFaults faults;

  SimRandom offset_rng(derive_seed(seed, 1 + static_cast<uint64_t>(CorruptionType::CameraTimeOffset)));
  const auto& offset = profile.camera_time_offset;
  place_in_random_order(cameras.size(), offset.amount.planned(static_cast<int64_t>(cameras.size())), offset_rng,
                        [&](size_t camera) {
                          faulty[camera] = true;
                          faults.time_offsets.push_back({cameras[camera], draw_int(offset_rng, offset.offset_us)});
                          return true;
                        });

  draw_extrinsic_drifts(CorruptionType::CameraExtrinsic, profile.camera_extrinsic, cameras, faulty, frames, seed,
                        [&](const std::string& camera, int64_t from_frame, const Transform3d& T) {
                          faults.extrinsic_drifts.push_back({camera, from_frame, T});
                        });
  const std::vector<std::string> radars = sensor_names(drive, SensorKind::Radar);
  std::vector<bool> faulty_radars(radars.size(), false);
  draw_extrinsic_drifts(CorruptionType::RadarExtrinsic, profile.radar_extrinsic, radars, faulty_radars, frames, seed,
                        [&](const std::string& radar, int64_t from_frame, const Transform3d& T) {
                          faults.radar_drifts.push_back({radar, from_frame, T});
                        });
  return faults;
}

std::vector<InjectedError> injected_errors_for(const SensorFaults& faults, const Drive& drive) {
  const LidarFrameClock clock(drive);
  std::vector<InjectedError> errors;
  for (const CameraTimeOffsetFault& fault : faults.time_offsets) {
    InjectedError error;
    error.type = CorruptionType::CameraTimeOffset;
    error.frame = 0;
    error.timestamp_us = clock.timestamp(0);
    error.sensor = fault.camera;
    error.parameters = {{"offset_us", static_cast<double>(fault.offset_us)}};
    errors.push_back(std::move(error));
  }
  for (const CameraExtrinsicDrift& fault : faults.extrinsic_drifts)
    errors.push_back(extrinsic_drift_error(CorruptionType::CameraExtrinsic, fault.camera, fault.from_frame,
                                           fault.T_nominal_true, clock));
  for (const RadarExtrinsicDrift& fault : faults.radar_drifts)
    errors.push_back(extrinsic_drift_error(CorruptionType::RadarExtrinsic, fault.radar, fault.from_frame,
                                           fault.T_nominal_true, clock));
  std::sort(errors.begin(), errors.end(), injected_error_less);
  return errors;
}

}  // namespace fuselabel
