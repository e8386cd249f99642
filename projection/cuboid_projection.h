#pragma once
// The 2D box a camera sees of a cuboid: every edge clipped at the near plane (so a box half
// behind the camera still gets a correct box), sampled densely for distorting lenses (straight
// edges project to curves), convex hull of the projections intersected with the image and
// bounded -- as the nuScenes devkit does, but clipping instead of dropping corners behind the
// camera.
#include "projection/camera_model.h"
#include "projection/cuboid.h"
#include "projection/polygon.h"

namespace fuselabel {

constexpr int kEdgeSamplesDistorted = 16;
constexpr int kMaxSilhouettePoints = 12 * (kEdgeSamplesDistorted + 1);

template <typename T>
FL_HOST_DEVICE int edge_samples(const CameraModel<T>& cam) {
  return (cam.type == CameraModelType::BrownConrady || cam.type == CameraModelType::Fisheye ||
          cam.type == CameraModelType::Mei)
             ? kEdgeSamplesDistorted
             : 1;
}

// The image rectangle in which 2D boxes live: the span of pixel centres, [0, W-1] x [0, H-1]
// (KITTI's label convention).
template <typename T>
FL_HOST_DEVICE Box2<T> image_rect(const CameraModel<T>& cam) {
  return {T(0), T(0), T(cam.width - 1), T(cam.height - 1)};
}

// Clips the camera-frame segment a-b to the part strictly in front of the near plane; false
// when none of it is. Depth is affine in the point for every model, so the cut is exact.
template <typename T>
FL_HOST_DEVICE bool clip_segment_at_near_plane(const CameraModel<T>& cam, Vec3<T>& a, Vec3<T>& b) {
  const T da = camera_depth(cam, a), db = camera_depth(cam, b);
  const T near = cam.near_plane * T(1.0001);  // strictly in front, so clipped ends project
  if (da < near && db < near) return false;
  if (da < near) a = lerp(a, b, (near - da) / (db - da));
  if (db < near) b = lerp(b, a, (near - db) / (da - db));
  return true;
}

// corners_cam: the cuboid's 8 corners in the camera frame. Returns false when no part of the
// cuboid projects inside the image.
template <typename T>
FL_HOST_DEVICE bool project_cuboid_box(const CameraModel<T>& cam, const Vec3<T> corners_cam[8], Box2<T>& box) {
  Vec2<T> pts[kMaxSilhouettePoints + 4];
  Vec2<T> hull[kMaxSilhouettePoints + 5];
  const int samples = edge_samples(cam);
  int n = 0;
  for (int e = 0; e < 12; ++e) {
    Vec3<T> a = corners_cam[cuboid_edge_corner(e, 0)], b = corners_cam[cuboid_edge_corner(e, 1)];
    if (!clip_segment_at_near_plane(cam, a, b)) continue;
    for (int s = 0; s <= samples; ++s) {
      Vec2<T> uv;
      T depth;
      if (project_point(cam, lerp(a, b, T(s) / T(samples)), uv, depth)) pts[n++] = uv;
    }
  }
  if (n < 3) return false;
  int m = convex_hull(pts, n, hull);
  if (m < 3) return false;
  m = clip_polygon_to_rect(hull, m, image_rect(cam), pts);
  if (m < 3) return false;
  box = bounding_box(hull, m);
  // Clipping interpolates, so a vertex on the border can land an ulp outside it.
  const Box2<T> rect = image_rect(cam);
  box.x1 = box.x1 < rect.x1 ? rect.x1 : box.x1;
  box.y1 = box.y1 < rect.y1 ? rect.y1 : box.y1;
  box.x2 = box.x2 > rect.x2 ? rect.x2 : box.x2;
  box.y2 = box.y2 > rect.y2 ? rect.y2 : box.y2;
  return box_area(box) > 0;
}

template <typename T>
FL_HOST_DEVICE bool project_cuboid_box(const CameraModel<T>& cam, const Transform3<T>& T_cam_frame,
                                       const Cuboid<T>& cuboid, Box2<T>& box) {
  Vec3<T> corners[8];
  cuboid_corners(cuboid, corners);
  for (int k = 0; k < 8; ++k) corners[k] = T_cam_frame * corners[k];
  return project_cuboid_box(cam, corners, box);
}

}  // namespace fuselabel
