#include "bench_support.h"

#include <map>

#include "random_calibration.h"

namespace fuselabel::bench {

const std::vector<float>& sweep(int64_t n) {
  static std::map<int64_t, std::vector<float>> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, testing::RandomScene(42).points(static_cast<int>(n), 4)).first;
  return it->second;
}

CameraModeld brown_conrady_camera() {
  CameraModeld cam;
  cam.type = CameraModelType::BrownConrady;
  cam.width = 1920, cam.height = 1080, cam.fx = cam.fy = 1000, cam.cx = 960, cam.cy = 540;
  const double d[5] = {-0.3, 0.1, 1e-4, -2e-4, -0.02};
  for (int i = 0; i < 5; ++i) cam.dist[i] = d[i];
  cam.max_radius2 = lens_validity_radius2(cam);
  return cam;
}

Transform3d T_cam_lidar() { return {{{0, -1, 0, 0, 0, -1, 1, 0, 0}}, {0.1, -0.2, -0.3}}; }

}  // namespace fuselabel::bench
