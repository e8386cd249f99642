// Geometry of a loaded nuScenes frame against independent float64 references computed from the
// raw table values: projection through the time-aligned chain (composed in double by the
// reader, applied in float by the kernel on every device) and the devkit's box corners.
#include <gtest/gtest.h>

#include <cmath>

#include "io/nuscenes/nuscenes_drive.h"
#include "kernels/project_points.h"
#include "nuscenes_fixture.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::json;
using testing::NuscenesFixture;

struct V3 {
  double x, y, z;
};

// Rotation by the unit quaternion (w, x, y, z) as q v q*, written out independently of
// projection/quaternion.h.
V3 rotate_by(const json& q, V3 v) {
  const double w = q[0], a = q[1], b = q[2], c = q[3];
  // t = 2 (u x v), v' = v + w t + u x t, with u = (a, b, c)
  const V3 t = {2 * (b * v.z - c * v.y), 2 * (c * v.x - a * v.z), 2 * (a * v.y - b * v.x)};
  return {v.x + w * t.x + (b * t.z - c * t.y), v.y + w * t.y + (c * t.x - a * t.z),
          v.z + w * t.z + (a * t.y - b * t.x)};
}

// parent = R(row.rotation) * child + row.translation
V3 to_parent(const json& row, V3 p) {
  const V3 r = rotate_by(row["rotation"], p);
  return {r.x + row["translation"][0].get<double>(), r.y + row["translation"][1].get<double>(),
          r.z + row["translation"][2].get<double>()};
}

class NuscenesProjection : public testing::DeviceTest {
 protected:
  void SetUp() override {
    testing::DeviceTest::SetUp();
    if (IsSkipped()) return;
    f.root = dir.path();
    testing::write_nuscenes_fixture(f);
  }
  testing::TempDir dir;
  NuscenesFixture f;
};

TEST_P(NuscenesProjection, WorldPointsLandWhereTheFloat64ChainPutsThem) {
  const NuscenesDrive drive(f.scene_options());
  const std::vector<json*> cam_rows = f.channel_rows("CAM_FRONT");
  for (const std::string id : {"0", "sweep:1", "sweep:5", "2"}) {
    SCOPED_TRACE("frame " + id);
    const FrameData frame = drive.load_frame(id, false);
    const CameraView& camera = frame.cameras[1];
    ASSERT_EQ(camera.sensor, "CAM_FRONT");
    const json* cam_row = nullptr;
    for (const json* r : cam_rows)
      if ((*r)["timestamp"] == camera.timestamp_us) cam_row = r;
    ASSERT_TRUE(cam_row);
    const json& cs = f.row("calibrated_sensor", (*cam_row)["calibrated_sensor_token"]);
    const json& pose = f.row("ego_pose", (*cam_row)["ego_pose_token"]);
    const double fx = cs["camera_intrinsic"][0][0], cx = cs["camera_intrinsic"][0][2];
    const double fy = cs["camera_intrinsic"][1][1], cy = cs["camera_intrinsic"][1][2];

    // Camera-frame points spread over the image, their world positions and exact pixels.
    std::vector<float> lidar_points;
    std::vector<V3> world_points;
    std::vector<double> expected_u, expected_v;
    const Transform3d T_lidar_world = frame.T_labels_lidar.inverse();
    for (double z : {4.0, 11.5, 37.0})
      for (double x : {-0.55, 0.0, 0.4})
        for (double y : {-0.3, 0.05, 0.25}) {
          const V3 in_camera = {x * z, y * z, z};
          const V3 world = to_parent(pose, to_parent(cs, in_camera));
          world_points.push_back(world);
          expected_u.push_back(fx * in_camera.x / in_camera.z + cx);
          expected_v.push_back(fy * in_camera.y / in_camera.z + cy);
          const Vec3<double> p = T_lidar_world * Vec3<double>{world.x, world.y, world.z};
          lidar_points.insert(lidar_points.end(), {float(p.x), float(p.y), float(p.z)});
        }

    ProjectionBatch batch;
    batch.points = lidar_points.data();
    batch.point_stride = 3;
    batch.sweep_offsets = {0, int64_t(world_points.size())};
    batch.cameras = {camera.model.cast<float>()};
    batch.jobs = {{0, 0, camera.T_cam_lidar.cast<float>()}};
    std::vector<ProjectedPoint> out;
    project_points(GetParam(), batch, out);
    ASSERT_EQ(out.size(), world_points.size());
    for (size_t i = 0; i < out.size(); ++i) {
      ASSERT_TRUE(out[i].in_image()) << i;
      EXPECT_NEAR(out[i].u, expected_u[i], 0.01) << i;
      EXPECT_NEAR(out[i].v, expected_v[i], 0.01) << i;
      // The label path (world -> camera at t_camera) in double agrees to the micrometre.
      const Vec3<double> c =
          camera.T_cam_labels() * Vec3<double>{world_points[i].x, world_points[i].y, world_points[i].z};
      EXPECT_NEAR(fx * c.x / c.z + cx, expected_u[i], 1e-6);
      EXPECT_NEAR(fy * c.y / c.z + cy, expected_v[i], 1e-6);
    }
  }
}

FL_INSTANTIATE_DEVICE_TEST(NuscenesProjection);

// The devkit's Box.corners(): x = l/2 (1 1 1 1 -1 -1 -1 -1), y = w/2 (1 -1 -1 1 1 -1 -1 1),
// z = h/2 (1 1 -1 -1 1 1 -1 -1), rotated by the annotation's quaternion and translated, with
// (w, l, h) = size as stored. The loaded cuboid must have the same eight corners.
TEST(NuscenesBoxes, SizeWlhBecomesLwhWithTheDevkitsCorners) {
  testing::TempDir dir;
  NuscenesFixture f;
  f.root = dir.path();
  testing::write_nuscenes_fixture(f);
  const FrameData frame = NuscenesDrive(f.scene_options()).load_frame("1", false);
  for (size_t a = 0; a < frame.cuboids.size(); ++a) {
    const json& row = f.row("sample_annotation", frame.cuboids[a].id);
    const double w = row["size"][0], l = row["size"][1], h = row["size"][2];
    const int sx[8] = {1, 1, 1, 1, -1, -1, -1, -1}, sy[8] = {1, -1, -1, 1, 1, -1, -1, 1},
              sz[8] = {1, 1, -1, -1, 1, 1, -1, -1};
    Vec3<double> ours[8];
    cuboid_corners(frame.cuboids[a].box, ours);
    for (int i = 0; i < 8; ++i) {
      const V3 devkit = to_parent(row, {l / 2 * sx[i], w / 2 * sy[i], h / 2 * sz[i]});
      // Our corner k has bit 0 set for -x, bit 1 for -y, bit 2 for -z (projection/cuboid.h).
      const int k = (sx[i] < 0 ? 1 : 0) | (sy[i] < 0 ? 2 : 0) | (sz[i] < 0 ? 4 : 0);
      EXPECT_NEAR(ours[k].x, devkit.x, 1e-9) << "annotation " << a << " corner " << i;
      EXPECT_NEAR(ours[k].y, devkit.y, 1e-9) << "annotation " << a << " corner " << i;
      EXPECT_NEAR(ours[k].z, devkit.z, 1e-9) << "annotation " << a << " corner " << i;
    }
  }
  EXPECT_EQ(frame.cuboids.size(), 2u);
}

}  // namespace
}  // namespace fuselabel
