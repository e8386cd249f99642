#include "sim/kitti_object_sim.h"

#include <algorithm>
#include <stdexcept>

#include "sim/camera_render.h"
#include "sim/sim_random.h"
#include "io/common/image_io.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/common/point_file.h"
#include "projection/cuboid_projection.h"
#include "projection/cuboid_truncation.h"

namespace fuselabel {
namespace {

// Purposes for derive_seed: each part of the frame draws from its own stream, so changing
// one (say, the LiDAR's beam count) leaves the scene's layout unchanged.
constexpr uint64_t kLidarSeedPurpose = 1;

// KITTI camera 2 (left colour).
constexpr int kLeftColorCamera = 2;

// Shares of the silhouette hidden by other actors at the KITTI levels' edges. A few hidden
// pixels do not make an object "partly occluded".
constexpr double kFullyVisibleHidden = 0.01, kLargelyOccludedHidden = 0.5;

void validate(const SimKittiConfig& config, const std::string& frame_id) {
  if (config.image_width < 1 || config.image_height < 1)
    throw std::invalid_argument("SimKittiConfig: image size must be positive");
  if (frame_id.empty() || frame_id.find_first_of("/\\") != std::string::npos || frame_id == "." || frame_id == "..")
    throw std::invalid_argument("simulate_kitti_object: frame id '" + frame_id + "' is not a plain file stem");
  validate_lidar_config(config.lidar);
}

}  // namespace

KittiCalib kitti_like_calib() {
  KittiCalib calib;
  constexpr double f = 721.5377, cx = 609.5593, cy = 172.854;
  // The stereo rig's offsets from cam0, as in KITTI's P1..P3 (metres times focal length).
  const double offsets[4][3] = {{0, 0, 0}, {-387.5744, 0, 0}, {44.85728, 0.2163791, 0.002745884},
                                {-337.2877, 2.369057, 0.004915215}};
  for (int p = 0; p < 4; ++p)
    calib.P[p] = {f, 0, cx, offsets[p][0], 0, f, cy, offsets[p][1], 0, 0, 1, offsets[p][2]};
  calib.R_rect = Mat3<double>::identity();
  calib.T_cam0_velo.R = {{0, -1, 0, 0, 0, -1, 1, 0, 0}};
  // KITTI's lever arm: cam0 sits 0.27 m ahead of and 0.08 m below the Velodyne.
  calib.T_cam0_velo.t = {-0.004069766, -0.07631618, -0.2717806};
  return calib;
}

int kitti_occlusion_level(int64_t visible_pixels, int64_t unoccluded_pixels) {
  if (unoccluded_pixels <= 0) return 0;  // covers no pixel centre at all: nothing is hidden
  const double hidden = 1.0 - static_cast<double>(visible_pixels) / static_cast<double>(unoccluded_pixels);
  if (hidden <= kFullyVisibleHidden) return 0;
  if (hidden <= kLargelyOccludedHidden) return 1;
  return 2;
}

SimGroundTruth simulate_kitti_object(const SimKittiConfig& config, const std::filesystem::path& training_dir,
                                     const std::string& frame_id) {
  validate(config, frame_id);
  SimGroundTruth truth;
  truth.scene = make_sample_scene(config.seed);
  const SimScene& scene = truth.scene;
  const int actor_count = static_cast<int>(scene.actors.size());
  truth.actors.resize(actor_count);

  LidarConfig lidar = config.lidar;
  lidar.seed = derive_seed(config.seed, kLidarSeedPurpose);
  const SimLidarSweep sweep = simulate_lidar(scene, lidar);
  for (int32_t actor : sweep.hit_actor)
    if (actor >= 0) ++truth.actors[actor].lidar_points;

  const CameraModeld cam = kitti_camera_model(config.calib, kLeftColorCamera, config.image_width, config.image_height);
  const Transform3d& T_cam_lidar = config.calib.T_cam0_velo;
  const CameraRender render = render_camera(scene, cam, T_cam_lidar);
  const std::vector<int64_t> visible = visible_pixel_counts(render.actor_index, actor_count);
  const std::vector<int64_t> unoccluded = unoccluded_pixel_counts(scene, cam, T_cam_lidar);

  std::vector<KittiObjectLabel> labels;
  for (int a = 0; a < actor_count; ++a) {
    const SimActor& actor = scene.actors[a];
    SimActorTruth& actor_truth = truth.actors[a];
    actor_truth.visible_pixels = visible[a];
    actor_truth.unoccluded_pixels = unoccluded[a];
    Box2<double> box2d;
    if (!project_cuboid_box(cam, T_cam_lidar, actor.box, box2d)) continue;
    KittiObjectLabel label = lidar_cuboid_to_kitti_label(actor.box, config.calib, actor.class_name);
    label.box2d = box2d;
    label.truncated = truncated_share(cam, T_cam_lidar, actor.box, box2d);
    label.occluded = kitti_occlusion_level(visible[a], unoccluded[a]);
    labels.push_back(label);
    actor_truth.label_line = static_cast<int>(labels.size());
  }

  write_float_records(training_dir / "velodyne" / (frame_id + ".bin"), sweep.records, kSimLidarFields);
  write_image(training_dir / "image_2" / (frame_id + ".png"), render.image);
  write_kitti_calib(training_dir / "calib" / (frame_id + ".txt"), config.calib);
  write_kitti_object_labels(training_dir / "label_2" / (frame_id + ".txt"), labels);
  return truth;
}

}  // namespace fuselabel
