#include "sim/drive_sim_rig.h"

#include <cmath>
#include <set>
#include <stdexcept>

#include "sim/drive_labels.h"
#include "sim/drive_sim.h"
#include "sim/sensor_clock.h"
#include "sim/sim_random.h"

namespace fuselabel {
namespace {

// Purposes for derive_seed (drive_scenario.cpp uses 1-4): sensor noise and clock jitter.
constexpr uint64_t kSensorSeed = 100, kClockSeed = 200;
// Ego poses reach this far before the drive's start and after its end (s), beyond every sample.
constexpr double kPosesBefore = 1.0, kPosesAfter = 2.0;
constexpr int64_t kMaxFaultOffsetUs = 1'000'000;

RigSensor make_sensor(const SimDriveConfig& config, const std::string& name, SensorKind kind, int spec,
                      const SimMount& mount, double rate_hz, double time_offset, int index, int count) {
  RigSensor sensor;
  sensor.name = name;
  sensor.kind = kind;
  sensor.spec = spec;
  sensor.T_ego_nominal = mount_transform(mount, kind == SensorKind::Camera);
  sensor.seed = derive_seed(config.seed, kSensorSeed + index);
  const SensorClock clock{rate_hz, time_offset, config.timestamp_jitter, index, count,
                          derive_seed(config.seed, kClockSeed + index)};
  sensor.true_us = sensor_timestamps(clock, config.start_time_us, config.duration);
  return sensor;
}

RigSensor* sensor_named(std::vector<RigSensor>& rig, SensorKind kind, const std::string& name, const char* fault) {
  for (RigSensor& s : rig)
    if (s.kind == kind && s.name == name) return &s;
  const char* what = kind == SensorKind::Camera ? "camera" : "radar";
  throw std::invalid_argument(std::string("SensorFaults.") + fault + ": no " + what + " named '" + name +
                              "' in the rig");
}

// One drift per sensor, from a frame >= 0, rigid.
void apply_drift(std::vector<RigSensor>& rig, SensorKind kind, const std::string& name, int64_t from_frame,
                 const Transform3d& T, const char* fault, std::set<std::string>& drifted) {
  RigSensor* sensor = sensor_named(rig, kind, name, fault);
  const bool finite = std::isfinite(T.t.x) && std::isfinite(T.t.y) && std::isfinite(T.t.z);
  if (!drifted.insert(name).second || from_frame < 0 || !finite || !(orthonormality_error(T.R) <= 1e-6))
    throw std::invalid_argument(std::string("SensorFaults.") + fault + ": '" + name +
                                "' needs a single drift from a frame >= 0 with a rigid transform");
  sensor->T_nominal_true = &T;
  const std::vector<int64_t>& lidar = rig[0].true_us;
  if (from_frame < static_cast<int64_t>(lidar.size())) sensor->drift_from_us = lidar[from_frame];
}

void apply_faults(std::vector<RigSensor>& rig, const SensorFaults& faults, std::vector<int64_t>& offsets) {
  std::set<std::string> offset_cameras, drift_cameras, drift_radars;
  for (const CameraTimeOffsetFault& f : faults.time_offsets) {
    RigSensor* camera = sensor_named(rig, SensorKind::Camera, f.camera, "time_offsets");
    if (!offset_cameras.insert(f.camera).second || std::llabs(f.offset_us) > kMaxFaultOffsetUs)
      throw std::invalid_argument("SensorFaults.time_offsets: camera '" + f.camera +
                                  "' needs a single offset of at most 1 s");
    offsets[camera - rig.data()] = f.offset_us;
  }
  for (const CameraExtrinsicDrift& f : faults.extrinsic_drifts)
    apply_drift(rig, SensorKind::Camera, f.camera, f.from_frame, f.T_nominal_true, "extrinsic_drifts", drift_cameras);
  for (const RadarExtrinsicDrift& f : faults.radar_drifts)
    apply_drift(rig, SensorKind::Radar, f.radar, f.from_frame, f.T_nominal_true, "radar_drifts", drift_radars);
}

}  // namespace

std::vector<RigSensor> plan_rig(const SimDriveConfig& config, const SensorFaults& faults) {
  const int count = 1 + static_cast<int>(config.radars.size() + config.cameras.size());
  std::vector<RigSensor> rig;
  const SimLidarSpec& lidar = config.lidar;
  rig.push_back(make_sensor(config, lidar.name, SensorKind::Lidar, 0, lidar.mount, lidar.rate_hz, lidar.time_offset, 0, count));
  for (size_t i = 0; i < config.radars.size(); ++i) {
    const SimRadarSpec& r = config.radars[i];
    rig.push_back(make_sensor(config, r.name, SensorKind::Radar, int(i), r.mount, r.rate_hz, r.time_offset, int(rig.size()), count));
  }
  for (size_t i = 0; i < config.cameras.size(); ++i) {
    const SimCameraSpec& c = config.cameras[i];
    rig.push_back(make_sensor(config, c.name, SensorKind::Camera, int(i), c.mount, c.rate_hz, c.time_offset, int(rig.size()), count));
    rig.back().rays = std::make_shared<const CameraRays>(camera_model(c));
  }
  std::vector<int64_t> offsets(rig.size(), 0);
  apply_faults(rig, faults, offsets);
  for (size_t s = 0; s < rig.size(); ++s) {
    RigSensor& sensor = rig[s];
    const std::string extension = sensor.kind == SensorKind::Camera ? config.cameras[sensor.spec].image_format : "bin";
    for (size_t i = 0; i < sensor.true_us.size(); ++i)
      sensor.samples.push_back({sensor.true_us[i] + offsets[s], sim_sample_file(sensor.name, int64_t(i), extension)});
  }
  return rig;
}

int64_t write_drive_description(const SimDriveConfig& config, const SimDriveWorld& world,
                                const std::vector<RigSensor>& rig, const std::filesystem::path& out_dir,
                                const LabelSet& ground_truth) {
  NativeDrive drive;
  drive.root = out_dir;
  drive.name = config.name;
  drive.world_frame = "odometry";
  drive.ego_pose_file = "ego_poses.csv";
  const int64_t first = std::llround(-kPosesBefore * 1e6), last = std::llround((config.duration + kPosesAfter) * 1e6);
  for (int64_t k = 0;; ++k) {
    const int64_t t_us = first + std::llround(double(k) * 1e6 / config.ego_pose_rate_hz);
    if (t_us > last) break;
    drive.ego_poses.push_back({config.start_time_us + t_us, world.ego.state(double(t_us) * 1e-6).T_world_ego});
  }
  std::vector<std::pair<std::string, std::vector<int64_t>>> camera_times;
  std::vector<int64_t> lidar_times;
  for (const RigSensor& s : rig) {
    NativeSensor sensor;
    sensor.name = s.name;
    sensor.kind = s.kind;
    sensor.T_ego_sensor = s.T_ego_nominal;
    if (s.rays) sensor.camera = s.rays->camera();
    sensor.index_file = "sensors/" + s.name + "/index.csv";
    sensor.samples = s.samples;
    drive.sensors.push_back(sensor);
    std::vector<int64_t> times;
    for (const NativeSample& sample : s.samples) times.push_back(sample.timestamp_us);
    if (s.kind == SensorKind::Camera) camera_times.push_back({s.name, times});
    if (s.kind == SensorKind::Lidar) lidar_times = times;
  }
  const std::string gt_file = std::string("labels/") + kGroundTruthLabelSet + ".json";
  const std::string key_file = std::string("labels/") + kKeyframeLabelSet + ".json";
  drive.label_sets = {{kGroundTruthLabelSet, gt_file}, {kKeyframeLabelSet, key_file}};
  write_native_drive(drive);
  write_label_set(out_dir / gt_file, ground_truth);
  write_label_set(out_dir / key_file,
                  keyframe_labels(world, ground_truth, config.keyframe_interval, lidar_times, camera_times));

  int64_t bytes = 0;
  for (const std::string& file : {std::string("drive.yaml"), drive.ego_pose_file, gt_file, key_file})
    bytes += static_cast<int64_t>(std::filesystem::file_size(out_dir / file));
  for (const NativeSensor& s : drive.sensors) bytes += static_cast<int64_t>(std::filesystem::file_size(out_dir / s.index_file));
  return bytes;
}

}  // namespace fuselabel
