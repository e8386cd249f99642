// Sensor errors: camera time offsets and extrinsic drifts for the simulator to render, and
// their injected-error records.
#include <algorithm>
#include <cmath>

#include "sim/corruption.h"
#include "sim/corruption_work.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

std::vector<std::string> camera_names(const Drive& drive) {
  std::vector<std::string> names;
  if (drive.rigs.empty()) return names;
  for (const Sensor& sensor : drive.rigs.front().sensors)
    if (sensor.kind == SensorKind::Camera) names.push_back(sensor.name);
  return names;
}

// Uniform on the unit sphere (z uniform in [-1, 1] and longitude uniform: Archimedes).
Vec3<double> random_direction(SimRandom& rng) {
  const double z = rng.uniform(-1.0, 1.0), longitude = rng.uniform(-kPi, kPi);
  const double r = std::sqrt(std::max(0.0, 1 - z * z));
  return {r * std::cos(longitude), r * std::sin(longitude), z};
}

Transform3d draw_extrinsic_error(SimRandom& rng, const CameraExtrinsicSpec& spec) {
  const Vec3<double> axis = random_direction(rng);
  const double angle = rng.uniform(spec.rotation_deg.min, spec.rotation_deg.max) * kPi / 180;
  const Vec3<double> direction = random_direction(rng);
  const double distance = rng.uniform(spec.translation_m.min, spec.translation_m.max);
  return Transform3d::from_rotation_translation(Quat<double>::from_axis_angle(axis, angle), distance * direction);
}

double norm(Vec3<double> v) { return std::sqrt(dot(v, v)); }

}  // namespace

SensorFaults draw_sensor_faults(const Drive& drive, const CorruptionProfile& profile, uint64_t seed) {
  const std::vector<std::string> cameras = camera_names(drive);
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

  SimRandom drift_rng(derive_seed(seed, 1 + static_cast<uint64_t>(CorruptionType::CameraExtrinsic)));
  const auto& drift = profile.camera_extrinsic;
  place_in_random_order(
      cameras.size(), drift.amount.planned(static_cast<int64_t>(cameras.size())), drift_rng, [&](size_t camera) {
        // A drift needs a frame before it, or it is just a wrong calibration.
        if (faulty[camera] || frames < 2) return false;
        faulty[camera] = true;
        const int64_t from_frame = draw_int(drift_rng, {1, frames - 1});
        faults.extrinsic_drifts.push_back({cameras[camera], from_frame, draw_extrinsic_error(drift_rng, drift)});
        return true;
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
  for (const CameraExtrinsicDrift& fault : faults.extrinsic_drifts) {
    InjectedError error;
    error.type = CorruptionType::CameraExtrinsic;
    error.frame = fault.from_frame;
    error.timestamp_us = clock.timestamp(fault.from_frame);
    error.sensor = fault.camera;
    // Angle and axis from the quaternion: acos of the trace loses the small angles drifts have.
    const Quat<double> q = Quat<double>::from_matrix(fault.T_nominal_true.R);
    const Vec3<double> v = {q.x, q.y, q.z};
    const double sin_half = norm(v);
    const Vec3<double> axis = sin_half > 0 ? (1 / sin_half) * v : Vec3<double>{0, 0, 1};
    const Vec3<double>& t = fault.T_nominal_true.t;
    error.parameters = {{"rotation_deg", 2 * std::atan2(sin_half, q.w) * 180 / kPi},
                        {"axis_x", axis.x},
                        {"axis_y", axis.y},
                        {"axis_z", axis.z},
                        {"translation_m", norm(t)},
                        {"tx_m", t.x},
                        {"ty_m", t.y},
                        {"tz_m", t.z}};
    errors.push_back(std::move(error));
  }
  std::sort(errors.begin(), errors.end(), injected_error_less);
  return errors;
}

}  // namespace fuselabel
