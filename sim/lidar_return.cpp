#include "sim/lidar_return.h"

#include <algorithm>
#include <cmath>

namespace fuselabel {
namespace {

CuboidFrame<double> grown(CuboidFrame<double> box, double margin) {
  box.half_size = {box.half_size.x + margin, box.half_size.y + margin, box.half_size.z + margin};
  return box;
}

}  // namespace

bool place_lidar_return(const Ray& ray, double hit_distance, double noise, int own,
                        const std::vector<CuboidFrame<double>>& boxes, double& range) {
  if (own >= 0) {
    const CuboidFrame<double> interior = grown(boxes[own], -kReturnClearance);
    if (interior.half_size.x < 0 || interior.half_size.y < 0 || interior.half_size.z < 0) return false;
    double enter, exit;
    int enter_axis, exit_axis;
    if (!ray_cuboid_span(ray, interior, enter, exit, enter_axis, exit_axis)) return false;
    range = std::clamp(hit_distance + std::fabs(noise), enter, exit);
  } else {
    range = hit_distance + noise;
  }
  const Vec3<double> p = ray.origin + range * ray.direction;
  for (size_t b = 0; b < boxes.size(); ++b)
    if (static_cast<int>(b) != own && cuboid_contains(grown(boxes[b], kReturnClearance), p)) return false;
  return true;
}

}  // namespace fuselabel
