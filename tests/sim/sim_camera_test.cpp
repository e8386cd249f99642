#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/camera_render.h"
#include "sim/kitti_object_sim.h"
#include "sim/ray_cast.h"
#include "projection/cuboid_projection.h"
#include "projection/unprojection.h"

namespace fuselabel {
namespace {

CameraModeld pinhole_camera() {
  CameraModeld cam;
  cam.width = 640, cam.height = 480;
  cam.fx = 500, cam.fy = 520, cam.cx = 321.3, cam.cy = 238.7;
  return cam;
}

CameraModeld kitti_camera() { return kitti_camera_model(kitti_like_calib(), 2, 1242, 375); }

TEST(SimCamera, PixelRayInvertsProjection) {
  for (const CameraModeld& cam : {pinhole_camera(), kitti_camera()}) {
    for (double u : {-20.0, 0.0, 100.5, 600.25, 1300.0})
      for (double v : {-5.0, 0.0, 170.0, 374.0}) {
        const Ray ray = pixel_ray(cam, {u, v});
        EXPECT_NEAR(dot(ray.direction, ray.direction), 1.0, 1e-14);
        for (double s : {1.0, 7.5, 80.0}) {
          Vec2<double> uv;
          double depth;
          ASSERT_TRUE(project_point(cam, ray.origin + s * ray.direction, uv, depth));
          EXPECT_NEAR(uv.x, u, 1e-9);
          EXPECT_NEAR(uv.y, v, 1e-9);
        }
      }
  }
}

TEST(SimCamera, KittiRayStartsAtTheCentreOfP2) {
  // P2 = K [I | t] with K t = (44.85728, 0.2163791, 0.002745884): camera 2 sits at -t in cam0's
  // frame, about 6 cm to the left.
  const double tz = 0.002745884, tx = (44.85728 - 609.5593 * tz) / 721.5377, ty = (0.2163791 - 172.854 * tz) / 721.5377;
  const Ray ray = pixel_ray(kitti_camera(), {609.5593, 172.854});
  EXPECT_NEAR(ray.origin.x, -tx, 1e-15);
  EXPECT_NEAR(ray.origin.y, -ty, 1e-15);
  EXPECT_NEAR(ray.origin.z, -tz, 1e-15);
  EXPECT_NEAR(ray.direction.z, 1.0, 1e-15);
}

TEST(SimCamera, PixelsOutsideTheLensFieldAreRefused) {
  CameraModeld cam;
  cam.type = CameraModelType::Fisheye;
  cam.width = cam.height = 400;
  cam.fx = cam.fy = 100, cam.cx = cam.cy = 199.5;
  cam.max_radius2 = lens_validity_radius2(cam);
  // The corner is 282 px from the centre: theta_d = 2.8 rad, beyond 90 degrees off axis.
  Ray ray;
  EXPECT_FALSE(try_pixel_ray(cam, {0, 0}, ray));
  EXPECT_THROW(pixel_ray(cam, {0, 0}), std::domain_error);
  EXPECT_TRUE(try_pixel_ray(cam, {199.5, 50}, ray));
  // Rendering leaves such pixels black and without actor.
  const CameraRender render = render_camera(SimScene{}, cam, Transform3d::identity());
  EXPECT_EQ(render.image.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 0));
  EXPECT_EQ(render.actor_index.at<int32_t>(0, 0), -1);
  EXPECT_NE(render.image.at<cv::Vec3b>(199, 199), cv::Vec3b(0, 0, 0));
}

// The area an actor's pixels cover (each pixel the unit square around its centre), in the
// same [0, W-1] x [0, H-1] frame as project_cuboid_box. False when it covers no pixel.
bool pixel_box(const cv::Mat& actor_index, int actor, Box2<double>& box) {
  int c0 = actor_index.cols, r0 = actor_index.rows, c1 = -1, r1 = -1;
  for (int r = 0; r < actor_index.rows; ++r)
    for (int c = 0; c < actor_index.cols; ++c)
      if (actor_index.at<int32_t>(r, c) == actor) c0 = std::min(c0, c), c1 = std::max(c1, c), r0 = std::min(r0, r), r1 = std::max(r1, r);
  if (c1 < 0) return false;
  box = {std::max(0.0, c0 - 0.5), std::max(0.0, r0 - 0.5), std::min(actor_index.cols - 1.0, c1 + 0.5),
         std::min(actor_index.rows - 1.0, r1 + 0.5)};
  return true;
}

// The actor rendered alone: its pixels within (and just around) its projected box.
cv::Mat render_alone(const SimScene& scene, int actor, const CameraModeld& cam, const Transform3d& T_cam_lidar,
                     const Box2<double>& projected) {
  const SceneRayCaster caster(scene);
  const Transform3d T_lidar_cam = T_cam_lidar.inverse();
  cv::Mat index(cam.height, cam.width, CV_32SC1, cv::Scalar(-1));
  for (int r = std::max(0, int(projected.y1) - 3); r <= std::min(cam.height - 1, int(projected.y2) + 3); ++r)
    for (int c = std::max(0, int(projected.x1) - 3); c <= std::min(cam.width - 1, int(projected.x2) + 3); ++c) {
      const Ray in_cam = pixel_ray(cam, {double(c), double(r)});
      const Ray ray = {T_lidar_cam * in_cam.origin, T_lidar_cam.R * in_cam.direction};
      if (caster.cast_actor(ray, actor).surface == HitSurface::Actor) index.at<int32_t>(r, c) = actor;
    }
  return index;
}

bool fully_in_front(const CameraModeld& cam, const Transform3d& T_cam_lidar, const Cuboidd& box) {
  Vec3<double> corners[8];
  cuboid_corners(box, corners);
  for (const Vec3<double>& corner : corners)
    if (!(camera_depth(cam, T_cam_lidar * corner) > cam.near_plane)) return false;
  return true;
}

void expect_boxes_agree(const Box2<double>& rendered, const Box2<double>& projected) {
  // Pixels whose centres fall inside the silhouette: each edge lies within half a pixel of the
  // exact one, more only at a sharp corner of the silhouette.
  EXPECT_NEAR(rendered.x1, projected.x1, 2.0);
  EXPECT_NEAR(rendered.y1, projected.y1, 2.0);
  EXPECT_NEAR(rendered.x2, projected.x2, 2.0);
  EXPECT_NEAR(rendered.y2, projected.y2, 2.0);
  EXPECT_GT(box_iou(rendered, projected), 0.9);
}

TEST(SimCamera, RenderedSilhouettesMatchProjectedBoxes) {
  const KittiCalib calib = kitti_like_calib();
  const CameraModeld cam = kitti_camera();
  int compared = 0, compared_in_full_scene = 0;
  for (uint64_t seed : {0, 1, 2}) {
    const SimScene scene = make_sample_scene(seed);
    const CameraRender render = render_camera(scene, cam, calib.T_cam0_velo);
    const std::vector<int64_t> visible = visible_pixel_counts(render.actor_index, int(scene.actors.size()));
    const std::vector<int64_t> alone = unoccluded_pixel_counts(scene, cam, calib.T_cam0_velo);
    for (size_t a = 0; a < scene.actors.size(); ++a) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " actor " + std::to_string(a));
      Box2<double> projected, rendered;
      const bool projects = project_cuboid_box(cam, calib.T_cam0_velo, scene.actors[a].box, projected);
      if (!projects || !fully_in_front(cam, calib.T_cam0_velo, scene.actors[a].box)) continue;
      // Alone in the scene, every actor's silhouette fills its projected box.
      ASSERT_TRUE(pixel_box(render_alone(scene, int(a), cam, calib.T_cam0_velo, projected), int(a), rendered));
      expect_boxes_agree(rendered, projected);
      ++compared;
      // In the full scene, unoccluded actors cover exactly the same pixels.
      EXPECT_LE(visible[a], alone[a]);
      if (visible[a] == alone[a]) {
        ASSERT_TRUE(pixel_box(render.actor_index, int(a), rendered));
        expect_boxes_agree(rendered, projected);
        ++compared_in_full_scene;
      }
    }
  }
  EXPECT_GE(compared, 12);
  EXPECT_GE(compared_in_full_scene, 8);
}

TEST(SimCamera, SkyGroundAndLaneMarksWhereTheyBelong) {
  const KittiCalib calib = kitti_like_calib();
  SimScene scene = make_sample_scene(0);
  scene.actors.clear();
  const CameraRender render = render_camera(scene, kitti_camera(), calib.T_cam0_velo);
  ASSERT_EQ(render.image.type(), CV_8UC3);
  ASSERT_EQ(render.actor_index.type(), CV_32SC1);
  EXPECT_EQ(cv::countNonZero(render.actor_index + 1), 0);  // every pixel is -1
  const cv::Vec3b sky = render.image.at<cv::Vec3b>(0, 621), road = render.image.at<cv::Vec3b>(374, 621);
  EXPECT_GT(sky[0], sky[2] + 20);  // blue over red (BGR)
  EXPECT_LT(std::abs(road[0] - road[2]), 10);  // grey asphalt
  // The dashed separators are white in the lower half of the image.
  int white = 0;
  for (int r = 200; r < 375; ++r)
    for (int c = 0; c < 1242; ++c) {
      const cv::Vec3b p = render.image.at<cv::Vec3b>(r, c);
      white += p[0] > 190 && p[1] > 190 && p[2] > 190;
    }
  EXPECT_GT(white, 500);
}

}  // namespace
}  // namespace fuselabel
