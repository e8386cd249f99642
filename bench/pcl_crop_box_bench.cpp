// The peer of points_in_boxes: pcl::CropBox (single-threaded), one filter per cuboid with the
// cuboid's pose, over the same points and cuboids.
#include <benchmark/benchmark.h>
#include <pcl/filters/crop_box.h>
#include <pcl/point_types.h>

#include <cmath>

#include "bench_support.h"
#include "box_scene.h"

namespace fuselabel::bench {
namespace {

void pcl_CropBox_loop(benchmark::State& state) {
  const int64_t n = state.range(0);
  const std::vector<float>& records = sweep(n);
  pcl::PointCloud<pcl::PointXYZ>::Ptr cloud(new pcl::PointCloud<pcl::PointXYZ>);
  for (int64_t i = 0; i < n; ++i) cloud->push_back({records[4 * i], records[4 * i + 1], records[4 * i + 2]});
  // One configured filter per cuboid, built outside the timed loop: the loop times filtering.
  std::vector<pcl::CropBox<pcl::PointXYZ>> crops(state.range(1));
  const std::vector<Cuboidd>& boxes = bench_cuboids(static_cast<int>(state.range(1)));
  for (size_t b = 0; b < boxes.size(); ++b) {
    const Cuboidd& box = boxes[b];
    const Mat3<double> R = box.rotation.to_matrix();
    crops[b].setInputCloud(cloud);
    crops[b].setMin(Eigen::Vector4f(-box.size.x / 2, -box.size.y / 2, -box.size.z / 2, 1));
    crops[b].setMax(Eigen::Vector4f(box.size.x / 2, box.size.y / 2, box.size.z / 2, 1));
    crops[b].setTranslation(Eigen::Vector3f(box.center.x, box.center.y, box.center.z));
    crops[b].setRotation(Eigen::Vector3f(std::atan2(R(2, 1), R(2, 2)), std::asin(-R(2, 0)), std::atan2(R(1, 0), R(0, 0))));
  }
  std::vector<int> indices;
  // A first filter call builds each filter's index list over the whole cloud (200 x 100k
  // indices); done once outside the timed loop, so that short runs time the steady state too.
  for (auto& crop : crops) crop.filter(indices);
  int64_t hits = 0;
  for (auto _ : state) {
    hits = 0;
    for (auto& crop : crops) {
      crop.filter(indices);
      hits += static_cast<int64_t>(indices.size());
    }
    benchmark::DoNotOptimize(hits);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["hits"] = static_cast<double>(hits);
}

BENCHMARK(pcl_CropBox_loop)->Args({100000, 200})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
