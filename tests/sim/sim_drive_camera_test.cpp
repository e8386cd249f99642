#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sim/drive_camera.h"
#include "sim/drive_scenario.h"
#include "sim/ray_cast.h"
#include "projection/cuboid_projection.h"

namespace fuselabel {
namespace {

const SimDriveWorld& world() {
  static const SimDriveWorld w = [] {
    SimDriveConfig config;
    config.seed = 3;
    config.duration = 8;
    config.traffic.pedestrians_per_km = 80;
    config.traffic.cyclists_per_km = 20;
    return build_drive_world(config);
  }();
  return w;
}

struct PixelBox {
  int c0 = 1 << 30, r0 = 1 << 30, c1 = -1, r1 = -1;
  int64_t pixels = 0;
  void add(int c, int r) {
    c0 = std::min(c0, c), c1 = std::max(c1, c), r0 = std::min(r0, r), r1 = std::max(r1, r);
    ++pixels;
  }
  // The area the pixels cover (each the unit square around its centre), in [0, W-1] x [0, H-1].
  Box2<double> area(const CameraModeld& cam) const {
    return {std::max(0.0, c0 - 0.5), std::max(0.0, r0 - 0.5), std::min(cam.width - 1.0, c1 + 0.5),
            std::min(cam.height - 1.0, r1 + 0.5)};
  }
};

bool fully_in_front(const Transform3d& T_cam_world, const Cuboidd& box, double near) {
  Vec3<double> corners[8];
  cuboid_corners(box, corners);
  for (const Vec3<double>& c : corners)
    if (!((T_cam_world * c).z > near)) return false;
  return true;
}

// For each of the rig's three lenses: every actor the camera sees unoccluded covers exactly
// the pixels whose rays meet its cuboid, and the bounds of those pixels are the 2D box that
// project_cuboid_box computes through the same lens.
TEST(SimDriveCamera, RenderedCuboidsMatchProjectedBoxesThroughEachLens) {
  for (const SimCameraSpec& spec : SimDriveConfig::default_cameras()) {
    SCOPED_TRACE(spec.name);
    const CameraRays rays(camera_model(spec));
    const CameraModeld& cam = rays.camera();
    const Transform3d T_ego_cam = mount_transform(spec.mount, true);
    int compared = 0;
    for (double t = 0.0; t < 8; t += 0.5) {
      const SimCameraImage image = render_drive_camera(world(), rays, T_ego_cam, t);
      const Transform3d T_cam_world = (world().ego.state(t).T_world_ego * T_ego_cam).inverse();
      for (const auto& [a, pixels] : actor_pixel_counts(image.actor_index)) {
        const Cuboidd box = actor_state(world().actors[a], t).box;
        Box2<double> projected;
        ASSERT_TRUE(project_cuboid_box(cam, T_cam_world, box, projected));
        if (!fully_in_front(T_cam_world, box, cam.near_plane)) continue;
        // The actor alone: every pixel whose ray meets its cuboid.
        const CuboidFrame<double> frame = make_cuboid_frame(transform_cuboid(T_cam_world, box));
        PixelBox alone;
        bool lens_edge = false;
        for (int r = std::max(0, int(projected.y1) - 3); r <= std::min(cam.height - 1, int(projected.y2) + 3); ++r)
          for (int c = std::max(0, int(projected.x1) - 3); c <= std::min(cam.width - 1, int(projected.x2) + 3); ++c) {
            const int pixel = r * cam.width + c;
            if (!rays.valid(pixel)) {
              lens_edge = true;
              continue;
            }
            double t_hit;
            Vec3<double> n;
            if (intersect_ray_cuboid({{0, 0, 0}, rays.direction(pixel)}, frame, 0.0, t_hit, n)) alone.add(c, r);
          }
        if (lens_edge || alone.pixels < 30) continue;  // at the fisheye's dark corners, or too small to judge
        // Silhouette edges lie within half a pixel of the exact curve; a bit more at sharp corners.
        const Box2<double> rendered = alone.area(cam);
        EXPECT_NEAR(rendered.x1, projected.x1, 1.5);
        EXPECT_NEAR(rendered.y1, projected.y1, 1.5);
        EXPECT_NEAR(rendered.x2, projected.x2, 1.5);
        EXPECT_NEAR(rendered.y2, projected.y2, 1.5);
        ++compared;
        // Unoccluded in the full image: exactly those pixels.
        EXPECT_LE(pixels, alone.pixels);
        if (pixels == alone.pixels) {
          for (int r = alone.r0; r <= alone.r1; ++r)
            for (int c = alone.c0; c <= alone.c1; ++c) {
              double t_hit;
              Vec3<double> n;
              const bool hits = intersect_ray_cuboid({{0, 0, 0}, rays.direction(r * cam.width + c)}, frame, 0.0, t_hit, n);
              ASSERT_EQ(image.actor_index.at<int32_t>(r, c) == a, hits) << "pixel " << c << ", " << r;
            }
        }
      }
    }
    EXPECT_GE(compared, 5);
  }
}

TEST(SimDriveCamera, GroundMarkingsSkyAndLensField) {
  const SimCameraSpec spec = SimDriveConfig::default_cameras()[2];  // the fisheye
  const CameraRays rays(camera_model(spec));
  const SimCameraImage image = render_drive_camera(world(), rays, mount_transform(spec.mount, true), 0.0);
  // Corners beyond 90 degrees off axis are outside the lens's field: black.
  EXPECT_FALSE(rays.valid(0));
  EXPECT_EQ(image.image.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 0));
  // Looking right and down: road below the centre, sky at the top of the circle.
  const cv::Vec3b top = image.image.at<cv::Vec3b>(5, 200);
  EXPECT_GT(top[0], top[2] + 20);  // blue sky (BGR)
  int valid = 0;
  for (int p = 0; p < spec.width * spec.height; ++p) valid += rays.valid(p);
  EXPECT_GT(valid, spec.width * spec.height * 3 / 4);
}

}  // namespace
}  // namespace fuselabel
