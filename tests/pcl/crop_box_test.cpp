// points_in_boxes membership against PCL's CropBox with each cuboid's pose, on random clouds
// and random overlapping, tilted cuboids. Points within float rounding of a face are left out:
// the two compute the box coordinates with different operation orders.
#include <gtest/gtest.h>
#include <pcl/filters/crop_box.h>
#include <pcl/point_cloud.h>
#include <pcl/point_types.h>

#include <cmath>

#include "kernels/points_in_boxes.h"
#include "random_boxes.h"

namespace fuselabel {
namespace {

// Roll, pitch, yaw of R = Rz(yaw) Ry(pitch) Rx(roll), the order pcl::getTransformation builds.
Eigen::Vector3f roll_pitch_yaw(const Quat<double>& q) {
  const Mat3<double> R = q.to_matrix();
  return {static_cast<float>(std::atan2(R(2, 1), R(2, 2))), static_cast<float>(std::asin(-R(2, 0))),
          static_cast<float>(std::atan2(R(1, 0), R(0, 0)))};
}

std::vector<int> crop_box_indices(const pcl::PointCloud<pcl::PointXYZ>::Ptr& cloud, const Cuboidd& box) {
  pcl::CropBox<pcl::PointXYZ> crop;
  crop.setInputCloud(cloud);
  const Eigen::Vector3f half = Eigen::Vector3d(box.size.x / 2, box.size.y / 2, box.size.z / 2).cast<float>();
  crop.setMin(Eigen::Vector4f(-half.x(), -half.y(), -half.z(), 1));
  crop.setMax(Eigen::Vector4f(half.x(), half.y(), half.z(), 1));
  crop.setTranslation(Eigen::Vector3d(box.center.x, box.center.y, box.center.z).cast<float>());
  crop.setRotation(roll_pitch_yaw(box.rotation));
  std::vector<int> indices;
  crop.filter(indices);
  return indices;
}

TEST(PclCropBox, SameMembershipAsPointsInBoxes) {
  for (bool tilted : {false, true}) {
    testing::RandomScene rng(tilted ? 900 : 901);
    const std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, 150, tilted);
    std::vector<float> records = rng.points(30000, 3);
    testing::append_points_around(rng, boxes, 80, 3, records);
    const int64_t n = static_cast<int64_t>(records.size() / 3);

    PointsInBoxesBatch batch;
    batch.points = records.data();
    batch.point_offsets = {0, n};
    batch.cuboids.boxes = boxes;
    batch.cuboids.offsets = {0, static_cast<int64_t>(boxes.size())};
    PointsInBoxesResult all;
    points_in_boxes(Device::Cpu, batch, all);

    pcl::PointCloud<pcl::PointXYZ>::Ptr cloud(new pcl::PointCloud<pcl::PointXYZ>);
    for (int64_t i = 0; i < n; ++i) cloud->push_back({records[3 * i], records[3 * i + 1], records[3 * i + 2]});

    int64_t compared_inside = 0, skipped = 0;
    for (size_t b = 0; b < boxes.size(); ++b) {
      // One cuboid at a time, so that point_box is exactly its membership.
      batch.cuboids.boxes = {boxes[b]};
      batch.cuboids.offsets = {0, 1};
      PointsInBoxesResult ours;
      points_in_boxes(Device::Cpu, batch, ours);
      EXPECT_EQ(ours.box_points[0], all.box_points[b]) << "box " << b;  // overlaps do not change counts
      std::vector<char> in_pcl(n, 0);
      for (int i : crop_box_indices(cloud, boxes[b])) in_pcl[i] = 1;
      const CuboidFrame<double> frame = make_cuboid_frame(boxes[b]);
      for (int64_t i = 0; i < n; ++i) {
        const double margin = testing::outside_margin(frame, {records[3 * i], records[3 * i + 1], records[3 * i + 2]});
        if (std::abs(margin) < testing::kFaceTolerance) {
          ++skipped;
          continue;
        }
        EXPECT_EQ(ours.point_box[i] == 0, static_cast<bool>(in_pcl[i])) << "box " << b << " point " << i;
        compared_inside += in_pcl[i];
      }
    }
    EXPECT_GT(compared_inside, 8000);
    EXPECT_LT(skipped, 20);
  }
}

}  // namespace
}  // namespace fuselabel
