#include "sim/drive_sim.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "sim/drive_camera.h"
#include "sim/drive_labels.h"
#include "sim/drive_lidar.h"
#include "sim/drive_radar.h"
#include "sim/drive_scenario.h"
#include "sim/drive_sim_rig.h"
#include "sim/sim_random.h"
#include "io/common/image_io.h"
#include "io/common/point_file.h"
#include "kernels/cpu_parallel.h"

namespace fuselabel {
namespace {

// One sample of one sensor: the unit of parallel work.
struct Job {
  int sensor;
  int64_t sample;
  int64_t true_us;
};

// What the jobs produce, one slot per sample, so that threads never share a slot.
struct Results {
  std::vector<std::vector<CuboidLabel>> frame_boxes;                 // per LiDAR frame
  std::vector<std::vector<std::vector<ImageBoxLabel>>> image_boxes;  // per camera, per sample
  std::vector<int64_t> bytes;                                     // per job
};

std::vector<SimActorCount> counts_of(const std::vector<int32_t>& hit_actor) {
  std::vector<int32_t> hits;
  for (int32_t a : hit_actor)
    if (a >= 0) hits.push_back(a);
  std::sort(hits.begin(), hits.end());
  std::vector<SimActorCount> out;
  for (int32_t a : hits) {
    if (out.empty() || out.back().actor != a) out.push_back({a, 0});
    ++out.back().count;
  }
  return out;
}

int64_t file_bytes(const std::filesystem::path& path) { return static_cast<int64_t>(std::filesystem::file_size(path)); }

class DriveJobs {
 public:
  DriveJobs(const SimDriveConfig& config, const std::vector<RigSensor>& rig, const std::filesystem::path& out,
            SimDriveTruth& truth, Results& results)
      : config_(config), rig_(rig), out_(out), truth_(truth), results_(results) {}

  void run(const Job& job, int64_t slot) {
    const RigSensor& sensor = rig_[job.sensor];
    const double t = truth_.drive_time(job.true_us);
    const uint64_t seed = derive_seed(sensor.seed, static_cast<uint64_t>(job.sample));
    const std::filesystem::path file = out_ / sensor.samples[job.sample].file;
    if (sensor.kind == SensorKind::Lidar) {
      const SimSweep sweep = simulate_lidar_sweep(truth_.world, config_.lidar, sensor.T_ego_nominal, t, seed);
      write_float_records(file, sweep.records, kSimSweepFields);
      SimLidarFrameTruth& frame = truth_.lidar_frames[job.sample];
      frame = {job.true_us, sweep.size(), counts_of(sweep.hit_actor)};
      const Vec3<double> lidar_world = truth_.world.ego.state(t).T_world_ego * sensor.T_ego_nominal.t;
      results_.frame_boxes[job.sample] = frame_boxes(truth_.world, job.sample, job.true_us, t, lidar_world, config_.label_range);
    } else if (sensor.kind == SensorKind::Radar) {
      // Measured from where the radar really sat, written as if from the nominal mount.
      const SimRadarScan scan =
          simulate_radar_scan(truth_.world, config_.radars[sensor.spec], sensor.T_ego_true(job.true_us), t, seed);
      write_float_records(file, scan.records, kSimRadarFields);
      const std::vector<SimActorCount> detections = counts_of(scan.hit_actor);
      int64_t detected = 0;
      for (const SimActorCount& c : detections) detected += c.count;
      truth_.radar_scans[sensor.spec][job.sample] = {job.true_us, detections, scan.size() - detected,
                                                     sensor.drifted(job.true_us)};
    } else {
      render(sensor, job, t, file);
    }
    results_.bytes[slot] = file_bytes(file);
  }

 private:
  void render(const RigSensor& sensor, const Job& job, double t, const std::filesystem::path& file) {
    const bool drifted = sensor.drifted(job.true_us);
    const Transform3d T_ego_cam = sensor.T_ego_true(job.true_us);
    const SimCameraImage image = render_drive_camera(truth_.world, *sensor.rays, T_ego_cam, t);
    write_image(file, image.image, config_.cameras[sensor.spec].jpeg_quality);
    const std::vector<std::pair<int32_t, int64_t>> pixels = actor_pixel_counts(image.actor_index);
    const int64_t recorded = sensor.samples[job.sample].timestamp_us;
    SimCameraSampleTruth& sample = truth_.camera_samples[sensor.spec][job.sample];
    sample = {recorded, job.true_us, drifted, {}};
    for (const auto& [actor, count] : pixels) sample.visible_pixels.push_back({actor, count});
    const Transform3d T_cam_world = (truth_.world.ego.state(t).T_world_ego * T_ego_cam).inverse();
    results_.image_boxes[sensor.spec][job.sample] =
        image_boxes(truth_.world, sensor.name, sensor.rays->camera(), T_cam_world, t, recorded, pixels,
                    config_.min_visible_pixels, config_.label_range);
  }

  const SimDriveConfig& config_;
  const std::vector<RigSensor>& rig_;
  const std::filesystem::path& out_;
  SimDriveTruth& truth_;
  Results& results_;
};

}  // namespace

std::string sim_sample_file(const std::string& sensor, int64_t index, const std::string& extension) {
  char name[32];
  std::snprintf(name, sizeof name, "%06lld.", static_cast<long long>(index));
  return "sensors/" + sensor + "/" + name + extension;
}

int SimDriveTruth::actor_index(const std::string& track_id) const {
  for (size_t a = 0; a < world.actors.size(); ++a)
    if (world.actors[a].track_id == track_id) return static_cast<int>(a);
  return -1;
}

int64_t SimDriveTruth::lidar_returns(size_t frame, int actor) const {
  for (const SimActorCount& c : lidar_frames.at(frame).returns)
    if (c.actor == actor) return c.count;
  return 0;
}

SimDriveTruth simulate_drive(const SimDriveConfig& config, const std::filesystem::path& out_dir,
                             const SensorFaults& faults) {
  const auto start = std::chrono::steady_clock::now();
  validate_sim_drive_config(config);
  SimDriveTruth truth;
  truth.config = config;
  truth.world = build_drive_world(config);
  const std::vector<RigSensor> rig = plan_rig(config, faults);

  Results results;
  std::vector<Job> jobs;
  for (int s = 0; s < static_cast<int>(rig.size()); ++s) {
    std::filesystem::create_directories(out_dir / "sensors" / rig[s].name);
    for (int64_t i = 0; i < static_cast<int64_t>(rig[s].true_us.size()); ++i) jobs.push_back({s, i, rig[s].true_us[i]});
  }
  truth.lidar_frames.resize(rig[0].true_us.size());
  results.frame_boxes.resize(rig[0].true_us.size());
  truth.radar_scans.resize(config.radars.size());
  truth.camera_samples.resize(config.cameras.size());
  results.image_boxes.resize(config.cameras.size());
  for (const RigSensor& sensor : rig) {
    if (sensor.kind == SensorKind::Radar) truth.radar_scans[sensor.spec].resize(sensor.true_us.size());
    if (sensor.kind != SensorKind::Camera) continue;
    truth.camera_samples[sensor.spec].resize(sensor.true_us.size());
    results.image_boxes[sensor.spec].resize(sensor.true_us.size());
  }
  results.bytes.resize(jobs.size());
  // In time order, so that each thread's contiguous share holds every kind of work.
  std::stable_sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.true_us < b.true_us; });
  DriveJobs work(config, rig, out_dir, truth, results);
  parallel_for(
      static_cast<int64_t>(jobs.size()),
      [&](int64_t begin, int64_t end) {
        for (int64_t j = begin; j < end; ++j) work.run(jobs[j], j);
      },
      1);

  LabelSet ground_truth;
  ground_truth.taxonomy = kSimTaxonomy;
  for (const std::vector<CuboidLabel>& boxes : results.frame_boxes)
    ground_truth.boxes.insert(ground_truth.boxes.end(), boxes.begin(), boxes.end());
  for (const auto& camera : results.image_boxes)
    for (const std::vector<ImageBoxLabel>& boxes : camera)
      ground_truth.boxes_2d.insert(ground_truth.boxes_2d.end(), boxes.begin(), boxes.end());
  ground_truth.tracks = referenced_tracks(truth.world, ground_truth.boxes, ground_truth.boxes_2d);
  const int64_t described = write_drive_description(config, truth.world, rig, out_dir, ground_truth);

  truth.files_written = static_cast<int64_t>(jobs.size()) + static_cast<int64_t>(rig.size()) + 4;
  truth.bytes_written = described;
  for (int64_t b : results.bytes) truth.bytes_written += b;
  truth.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return truth;
}

}  // namespace fuselabel
