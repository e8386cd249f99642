#pragma once
// Exact overlap of two cuboids: rotated bird's-eye-view IoU (convex polygon clipping of the two
// footprints) and 3D IoU (footprint intersection area x vertical overlap).
//
// Boxes are compared as ground-vehicle boxes, as KITTI, nuScenes and Waymo evaluate them: a
// box with roll or pitch is taken as its yaw-only version (same centre and size, heading = its
// local x axis projected onto the ground plane, which is the yaw of a rotation composed yaw,
// then pitch, then roll). The footprint is then a rectangle and the vertical extent is
// centre.z +- h/2; the tilted box's true volume intersection is not computed.
#include "projection/cuboid.h"
#include "projection/polygon.h"

namespace fuselabel {

// A cuboid reduced to what overlap needs: its footprint corners, counter-clockwise seen from
// above (x forward, y left), and its vertical extent.
template <typename T>
struct BevBox {
  Vec2<T> corners[4];
  T z_min, z_max;
  T area, volume;  // from the size, not the corners: identical boxes get identical terms
};

template <typename T>
FL_HOST_DEVICE BevBox<T> make_bev_box(const Cuboid<T>& box) {
  const Mat3<T> R = box.rotation.to_matrix();
  // Heading: the local x axis on the ground. A box pitched exactly upright has none; its local
  // y axis turned by -90 degrees is the heading its yaw-only version would have.
  T hx = R(0, 0), hy = R(1, 0);
  if (hx * hx + hy * hy < T(1e-18)) hx = R(1, 1), hy = -R(0, 1);
  const T n = std::sqrt(hx * hx + hy * hy);
  hx /= n, hy /= n;
  const T l = box.size.x / 2, w = box.size.y / 2;
  const T sx[4] = {l, l, -l, -l}, sy[4] = {-w, w, w, -w};
  BevBox<T> out;
  for (int k = 0; k < 4; ++k)
    out.corners[k] = {box.center.x + sx[k] * hx - sy[k] * hy, box.center.y + sx[k] * hy + sy[k] * hx};
  out.z_min = box.center.z - box.size.z / 2;
  out.z_max = box.center.z + box.size.z / 2;
  out.area = box.size.x * box.size.y;
  out.volume = out.area * box.size.z;
  return out;
}

// Shoelace area of a counter-clockwise polygon.
template <typename T>
FL_HOST_DEVICE T polygon_area(const Vec2<T>* poly, int n) {
  T twice = 0;
  for (int i = 0; i < n; ++i) {
    const Vec2<T> a = poly[i], b = poly[(i + 1) % n];
    twice += a.x * b.y - a.y * b.x;
  }
  return twice / 2;
}

// Sutherland-Hodgman: keeps the part of `poly` left of (or on) the directed line a->b. Writes
// to out (capacity 2n), returns the new vertex count.
template <typename T>
FL_HOST_DEVICE int clip_polygon_by_line(const Vec2<T>* poly, int n, Vec2<T> a, Vec2<T> b, Vec2<T>* out) {
  int m = 0;
  for (int i = 0; i < n; ++i) {
    const Vec2<T> p = poly[i], q = poly[(i + 1) % n];
    const T dp = cross2(a, b, p), dq = cross2(a, b, q);
    if (dp >= 0) out[m++] = p;
    if ((dp >= 0) != (dq >= 0)) {
      const T f = dp / (dp - dq);
      out[m++] = {p.x + f * (q.x - p.x), p.y + f * (q.y - p.y)};
    }
  }
  return m;
}

// Area of the intersection of two footprints: a clipped by each edge of b. Exact arithmetic
// gives at most 8 vertices; rounding on nearly collinear vertices can at worst double the
// count per clip, so the buffers hold 4 * 2^4.
template <typename T>
FL_HOST_DEVICE T bev_intersection_area(const BevBox<T>& a, const BevBox<T>& b) {
  Vec2<T> buffers[2][64];
  int n = 4, current = 0;
  for (int k = 0; k < 4; ++k) buffers[0][k] = a.corners[k];
  for (int e = 0; e < 4 && n >= 3; ++e) {
    n = clip_polygon_by_line(buffers[current], n, b.corners[e], b.corners[(e + 1) % 4], buffers[1 - current]);
    current = 1 - current;
  }
  return n >= 3 ? polygon_area(buffers[current], n) : T(0);
}

// A strict order on footprints: clipping the earlier by the later makes overlap exactly
// symmetric in its arguments (clipping in the other order rounds differently).
template <typename T>
FL_HOST_DEVICE bool bev_box_before(const BevBox<T>& a, const BevBox<T>& b) {
  for (int k = 0; k < 4; ++k) {
    if (a.corners[k].x != b.corners[k].x) return a.corners[k].x < b.corners[k].x;
    if (a.corners[k].y != b.corners[k].y) return a.corners[k].y < b.corners[k].y;
  }
  return a.z_min < b.z_min || (a.z_min == b.z_min && a.z_max < b.z_max);
}

template <typename T>
FL_HOST_DEVICE T clamp_unit(T x) {
  return x < 0 ? T(0) : (x > 1 ? T(1) : x);
}

// Bird's-eye-view and 3D intersection over union; 0 where the union is empty (degenerate boxes).
template <typename T>
FL_HOST_DEVICE void bev_and_3d_iou(const BevBox<T>& a, const BevBox<T>& b, T& bev_iou, T& iou_3d) {
  const BevBox<T>& first = bev_box_before(b, a) ? b : a;
  const BevBox<T>& second = bev_box_before(b, a) ? a : b;
  const T inter = bev_intersection_area(first, second);
  const T bev_union = a.area + b.area - inter;
  bev_iou = bev_union > 0 ? clamp_unit(inter / bev_union) : T(0);
  const T z_lo = a.z_min > b.z_min ? a.z_min : b.z_min, z_hi = a.z_max < b.z_max ? a.z_max : b.z_max;
  const T inter_3d = z_hi > z_lo ? inter * (z_hi - z_lo) : T(0);
  const T union_3d = a.volume + b.volume - inter_3d;
  iou_3d = union_3d > 0 ? clamp_unit(inter_3d / union_3d) : T(0);
}

}  // namespace fuselabel
