#pragma once
// Fixed-capacity 2D polygon helpers usable in kernels: convex hull, clipping a convex polygon
// against an axis-aligned rectangle, bounding boxes.
#include "projection/linalg.h"

namespace fuselabel {

template <typename T>
struct Box2 {
  T x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

template <typename T>
FL_HOST_DEVICE T cross2(Vec2<T> o, Vec2<T> a, Vec2<T> b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

// Andrew's monotone chain. Sorts pts in place (insertion sort: n is small in every caller),
// writes the counter-clockwise hull to hull (capacity >= n + 1) and returns its size.
template <typename T>
FL_HOST_DEVICE int convex_hull(Vec2<T>* pts, int n, Vec2<T>* hull) {
  for (int i = 1; i < n; ++i) {
    const Vec2<T> key = pts[i];
    int j = i - 1;
    while (j >= 0 && (pts[j].x > key.x || (pts[j].x == key.x && pts[j].y > key.y))) {
      pts[j + 1] = pts[j];
      --j;
    }
    pts[j + 1] = key;
  }
  if (n < 3) {
    for (int i = 0; i < n; ++i) hull[i] = pts[i];
    return n;
  }
  int k = 0;
  for (int i = 0; i < n; ++i) {
    while (k >= 2 && cross2(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
    hull[k++] = pts[i];
  }
  for (int i = n - 2, lower = k + 1; i >= 0; --i) {
    while (k >= lower && cross2(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
    hull[k++] = pts[i];
  }
  return k - 1;  // the last point repeats the first
}

// Sutherland-Hodgman clip of polygon `poly` (n vertices) to one half-plane
// {p : s * (p[axis] - bound) >= 0}; writes to out (capacity n + 1), returns the new size.
template <typename T>
FL_HOST_DEVICE int clip_polygon_half_plane(const Vec2<T>* poly, int n, int axis, T bound, T s, Vec2<T>* out) {
  int m = 0;
  for (int i = 0; i < n; ++i) {
    const Vec2<T> a = poly[i], b = poly[(i + 1) % n];
    const T da = s * ((axis == 0 ? a.x : a.y) - bound), db = s * ((axis == 0 ? b.x : b.y) - bound);
    if (da >= 0) out[m++] = a;
    if ((da >= 0) != (db >= 0)) {
      const T f = da / (da - db);
      out[m++] = {a.x + f * (b.x - a.x), a.y + f * (b.y - a.y)};
    }
  }
  return m;
}

// Clips a polygon to rect in place (buffers need capacity n + 4); returns the vertex count.
template <typename T>
FL_HOST_DEVICE int clip_polygon_to_rect(Vec2<T>* poly, int n, Box2<T> rect, Vec2<T>* scratch) {
  n = clip_polygon_half_plane(poly, n, 0, rect.x1, T(1), scratch);
  n = clip_polygon_half_plane(scratch, n, 0, rect.x2, T(-1), poly);
  n = clip_polygon_half_plane(poly, n, 1, rect.y1, T(1), scratch);
  n = clip_polygon_half_plane(scratch, n, 1, rect.y2, T(-1), poly);
  return n;
}

template <typename T>
FL_HOST_DEVICE Box2<T> bounding_box(const Vec2<T>* pts, int n) {
  Box2<T> b = {pts[0].x, pts[0].y, pts[0].x, pts[0].y};
  for (int i = 1; i < n; ++i) {
    b.x1 = pts[i].x < b.x1 ? pts[i].x : b.x1;
    b.y1 = pts[i].y < b.y1 ? pts[i].y : b.y1;
    b.x2 = pts[i].x > b.x2 ? pts[i].x : b.x2;
    b.y2 = pts[i].y > b.y2 ? pts[i].y : b.y2;
  }
  return b;
}

template <typename T>
FL_HOST_DEVICE T box_area(Box2<T> b) {
  const T w = b.x2 - b.x1, h = b.y2 - b.y1;
  return (w > 0 && h > 0) ? w * h : T(0);
}

template <typename T>
FL_HOST_DEVICE T box_iou(Box2<T> a, Box2<T> b) {
  const Box2<T> i = {a.x1 > b.x1 ? a.x1 : b.x1, a.y1 > b.y1 ? a.y1 : b.y1, a.x2 < b.x2 ? a.x2 : b.x2,
                     a.y2 < b.y2 ? a.y2 : b.y2};
  const T inter = box_area(i);
  const T uni = box_area(a) + box_area(b) - inter;
  return uni > 0 ? inter / uni : T(0);
}

}  // namespace fuselabel
