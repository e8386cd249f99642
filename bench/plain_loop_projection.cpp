#include <algorithm>

#include "peers.h"

namespace fuselabel::bench {

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
void plain_loop_project(const float* records, int stride, int64_t n, const CameraModelf& cam,
                        const Transform3f& T_cam_points, ProjectedPoint* out) {
  const float* R = T_cam_points.R.m;
  const Vec3<float> t = T_cam_points.t;
  const float k1 = cam.dist[0], k2 = cam.dist[1], p1 = cam.dist[2], p2 = cam.dist[3], k3 = cam.dist[4];
  const float width = static_cast<float>(cam.width), height = static_cast<float>(cam.height);
  for (int64_t i = 0; i < n; ++i) {
    const float* p = records + stride * i;
    const float x = R[0] * p[0] + R[1] * p[1] + R[2] * p[2] + t.x;
    const float y = R[3] * p[0] + R[4] * p[1] + R[5] * p[2] + t.y;
    const float z = R[6] * p[0] + R[7] * p[1] + R[8] * p[2] + t.z;
    const float xn = x / z, yn = y / z, r2 = xn * xn + yn * yn;
    const float radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
    const float xd = xn * radial + 2 * p1 * xn * yn + p2 * (r2 + 2 * xn * xn);
    const float yd = yn * radial + p1 * (r2 + 2 * yn * yn) + 2 * p2 * xn * yn;
    const float u = cam.fx * xd + cam.cx, v = cam.fy * yd + cam.cy;
    // Bitwise tests and clamped conversions: no branch to stop the vectoriser.
    const bool projects = (z > cam.near_plane) & (r2 <= cam.max_radius2);
    const float a = u + 0.5f, b = v + 0.5f;
    const bool inside = projects & (a >= 0) & (b >= 0) & (a < width) & (b < height);
    const int32_t col = static_cast<int32_t>(std::min(std::max(a, 0.f), width - 1));
    const int32_t row = static_cast<int32_t>(std::min(std::max(b, 0.f), height - 1));
    out[i].u = projects ? u : 0;
    out[i].v = projects ? v : 0;
    out[i].depth = projects ? z : 0;
    out[i].pixel = inside ? row * cam.width + col : -1;
  }
}

}  // namespace fuselabel::bench
