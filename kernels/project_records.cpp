// project_records with Google Highway: foreach_target.h compiles this file once per x86 target
// (AVX-512, AVX2, SSE4, ...) and HWY_DYNAMIC_DISPATCH runs the best one this CPU supports.
// Every lane does what project_record does to one point, in the same order (no fused
// multiply-adds: the build has -ffp-contract=off, and Highway's Mul and Add stay separate), with
// the scalar branches as lane selects; the last count % lanes points take project_record itself.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/project_records.cpp"
#include "kernels/project_records.h"

#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/project_points_impl.h"
#include "kernels/simd_records-inl.h"

static_assert(sizeof(fuselabel::ProjectedPoint) == 4 * sizeof(float),
              "ProjectedPoint is stored as 4 interleaved lanes");

HWY_BEFORE_NAMESPACE();
namespace fuselabel {
namespace HWY_NAMESPACE {

// portable_atan (projection/camera_model.h) for x >= 0, its two reductions as one division:
// -1 / x beyond tan(3 pi / 8), (x - 1) / (x + 1) beyond tan(pi / 8), else x / 1, which is x.
HWY_INLINE Vf atan_nonnegative(Df d, Vf x) {
  const auto big = hn::Gt(x, hn::Set(d, 2.414213562373095f));
  const auto mid = hn::Gt(x, hn::Set(d, 0.4142135623730950f));
  const Vf one = hn::Set(d, 1.f);
  const Vf num = hn::IfThenElse(big, hn::Set(d, -1.f), hn::IfThenElse(mid, hn::Sub(x, one), x));
  const Vf den = hn::IfThenElse(big, x, hn::IfThenElse(mid, hn::Add(x, one), one));
  const Vf offset =
      hn::IfThenElse(big, hn::Set(d, 1.5707963267948966f), hn::IfThenElseZero(mid, hn::Set(d, 0.7853981633974483f)));
  const Vf r = hn::Div(num, den);
  const Vf z = hn::Mul(r, r);
  Vf p = hn::Sub(hn::Mul(hn::Set(d, 8.05374449538e-2f), z), hn::Set(d, 1.38776856032e-1f));
  p = hn::Add(hn::Mul(p, z), hn::Set(d, 1.99777106478e-1f));
  p = hn::Sub(hn::Mul(p, z), hn::Set(d, 3.33329491539e-1f));
  p = hn::Add(hn::Mul(hn::Mul(p, z), r), r);
  return hn::Add(offset, p);
}

// a0 * x + a1 * y + a2 * z, left to right as Mat3 * Vec3.
HWY_INLINE Vf dot3(Df d, const float* a, Vf x, Vf y, Vf z) {
  return hn::Add(hn::Add(hn::Mul(hn::Set(d, a[0]), x), hn::Mul(hn::Set(d, a[1]), y)), hn::Mul(hn::Set(d, a[2]), z));
}

// 1 + c0 s + c1 s^2 + c2 s^3 given s, s^2, s^3, left to right.
HWY_INLINE Vf poly3(Df d, float c0, float c1, float c2, Vf s, Vf s2, Vf s3) {
  const Vf a = hn::Add(hn::Set(d, 1.f), hn::Mul(hn::Set(d, c0), s));
  return hn::Add(hn::Add(a, hn::Mul(hn::Set(d, c1), s2)), hn::Mul(hn::Set(d, c2), s3));
}

// One vector of points (camera frame) through project_point and pixel_of for model kType.
template <int kType>
HWY_INLINE void project_lanes(Df d, const CameraModelf& cam, Vf x, Vf y, Vf z, float* out) {
  constexpr auto type = static_cast<CameraModelType>(kType);
  Vf u, v, depth;
  hn::Mask<Df> valid;
  if (type == CameraModelType::KittiRectified) {
    const Vf xr = dot3(d, cam.R_rect, x, y, z), yr = dot3(d, cam.R_rect + 3, x, y, z);
    const Vf zr = dot3(d, cam.R_rect + 6, x, y, z);
    const Vf a = hn::Add(dot3(d, cam.P, xr, yr, zr), hn::Set(d, cam.P[3]));
    const Vf b = hn::Add(dot3(d, cam.P + 4, xr, yr, zr), hn::Set(d, cam.P[7]));
    depth = hn::Add(dot3(d, cam.P + 8, xr, yr, zr), hn::Set(d, cam.P[11]));
    valid = hn::Gt(depth, hn::Set(d, cam.near_plane));
    u = hn::Div(a, depth);
    v = hn::Div(b, depth);
  } else {
    depth = z;
    valid = hn::Gt(z, hn::Set(d, cam.near_plane));
    const Vf one = hn::Set(d, 1.f);
    Vf inv_z;
    if (type == CameraModelType::Mei) {
      const Vf norm = hn::Sqrt(hn::Add(hn::Add(hn::Mul(x, x), hn::Mul(y, y)), hn::Mul(z, z)));
      inv_z = hn::Div(one, hn::Add(z, hn::Mul(hn::Set(d, cam.xi), norm)));
    } else {
      inv_z = hn::Div(one, z);
    }
    const Vf xn = hn::Mul(x, inv_z), yn = hn::Mul(y, inv_z);
    const Vf r2 = hn::Add(hn::Mul(xn, xn), hn::Mul(yn, yn));
    valid = hn::And(valid, hn::Le(r2, hn::Set(d, cam.max_radius2)));
    Vf xd = xn, yd = yn;
    const float* k = cam.dist;
    if (type == CameraModelType::BrownConrady || type == CameraModelType::Mei) {
      const Vf r4 = hn::Mul(r2, r2), r6 = hn::Mul(r4, r2);
      const Vf radial = hn::Div(poly3(d, k[0], k[1], k[4], r2, r4, r6), poly3(d, k[5], k[6], k[7], r2, r4, r6));
      const Vf two = hn::Set(d, 2.f), xy = hn::Mul(hn::Mul(hn::Set(d, 2 * k[2]), xn), yn);
      const Vf yx = hn::Mul(hn::Mul(hn::Set(d, 2 * k[3]), xn), yn);
      xd = hn::Add(hn::Add(hn::Mul(xn, radial), xy),
                   hn::Mul(hn::Set(d, k[3]), hn::Add(r2, hn::Mul(hn::Mul(two, xn), xn))));
      yd = hn::Add(hn::Add(hn::Mul(yn, radial), hn::Mul(hn::Set(d, k[2]), hn::Add(r2, hn::Mul(hn::Mul(two, yn), yn)))),
                   yx);
    } else if (type == CameraModelType::Fisheye) {
      const Vf r = hn::Sqrt(r2);
      const Vf theta = atan_nonnegative(d, r);
      const Vf t2 = hn::Mul(theta, theta), t4 = hn::Mul(t2, t2), t6 = hn::Mul(t4, t2), t8 = hn::Mul(t4, t4);
      const Vf series = hn::Add(poly3(d, k[0], k[1], k[2], t2, t4, t6), hn::Mul(hn::Set(d, k[3]), t8));
      const Vf scale = hn::Div(hn::Mul(theta, series), r);
      const auto distorted = hn::Gt(r, hn::Set(d, 1e-8f));
      xd = hn::IfThenElse(distorted, hn::Mul(xn, scale), xn);
      yd = hn::IfThenElse(distorted, hn::Mul(yn, scale), yn);
    }
    u = hn::Mul(hn::Set(d, cam.fx), xd);
    if (type == CameraModelType::Mei) u = hn::Add(u, hn::Mul(hn::Set(d, cam.skew), yd));
    u = hn::Add(u, hn::Set(d, cam.cx));
    v = hn::Add(hn::Mul(hn::Set(d, cam.fy), yd), hn::Set(d, cam.cy));
  }
  // pixel_of: the range test on u + 0.5, v + 0.5, then the truncating conversion.
  const Di di;
  const Vf half = hn::Set(d, 0.5f);
  const Vf a = hn::Add(u, half), b = hn::Add(v, half);
  const Vf zero = hn::Zero(d);
  const auto inside = hn::And(hn::And(hn::Ge(a, zero), hn::Ge(b, zero)),
                              hn::And(hn::Lt(a, hn::Set(d, static_cast<float>(cam.width))),
                                      hn::Lt(b, hn::Set(d, static_cast<float>(cam.height)))));
  const Vi pixel = hn::Add(hn::Mul(hn::ConvertTo(di, b), hn::Set(di, cam.width)), hn::ConvertTo(di, a));
  const Vi pixel_or_none = hn::IfThenElse(hn::RebindMask(di, hn::And(valid, inside)), pixel, hn::Set(di, -1));
  hn::StoreInterleaved4(hn::IfThenElseZero(valid, u), hn::IfThenElseZero(valid, v), hn::IfThenElseZero(valid, depth),
                        hn::BitCast(d, pixel_or_none), d, out);
}

template <int kType>
void project_run(const CameraModelf& cam, const Transform3f& T, const float* records, int stride, int64_t count,
                 ProjectedPoint* out) {
  const Df d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  int64_t i = 0;
  for (; i + lanes <= count; i += lanes) {
    Vf x, y, z;
    load_xyz(d, records + i * stride, stride, x, y, z);
    const Vf xc = hn::Add(dot3(d, T.R.m, x, y, z), hn::Set(d, T.t.x));
    const Vf yc = hn::Add(dot3(d, T.R.m + 3, x, y, z), hn::Set(d, T.t.y));
    const Vf zc = hn::Add(dot3(d, T.R.m + 6, x, y, z), hn::Set(d, T.t.z));
    project_lanes<kType>(d, cam, xc, yc, zc, reinterpret_cast<float*>(out + i));
  }
  for (; i < count; ++i) {
    ProjectedPoint& p = out[i];
    project_record(cam, T, records + i * stride, p.u, p.v, p.depth, p.pixel);
  }
}

void ProjectRecords(const CameraModelf& cam, const Transform3f& T, const float* records, int stride, int64_t count,
                    ProjectedPoint* out) {
  using M = CameraModelType;
  switch (cam.type) {
    case M::Pinhole:
      return project_run<static_cast<int>(M::Pinhole)>(cam, T, records, stride, count, out);
    case M::BrownConrady:
      return project_run<static_cast<int>(M::BrownConrady)>(cam, T, records, stride, count, out);
    case M::KittiRectified:
      return project_run<static_cast<int>(M::KittiRectified)>(cam, T, records, stride, count, out);
    case M::Fisheye:
      return project_run<static_cast<int>(M::Fisheye)>(cam, T, records, stride, count, out);
    case M::Mei:
      return project_run<static_cast<int>(M::Mei)>(cam, T, records, stride, count, out);
  }
  for (int64_t i = 0; i < count; ++i) {  // a type this file does not know: the scalar body
    ProjectedPoint& p = out[i];
    project_record(cam, T, records + i * stride, p.u, p.v, p.depth, p.pixel);
  }
}

const char* ProjectRecordsTarget() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace fuselabel
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace fuselabel {

HWY_EXPORT(ProjectRecords);
HWY_EXPORT(ProjectRecordsTarget);

void project_records(const CameraModelf& cam, const Transform3f& T_cam_sweep, const float* records, int stride,
                     int64_t count, ProjectedPoint* out) {
  HWY_DYNAMIC_DISPATCH(ProjectRecords)(cam, T_cam_sweep, records, stride, count, out);
}

const char* project_records_target() { return HWY_DYNAMIC_DISPATCH(ProjectRecordsTarget)(); }

}  // namespace fuselabel
#endif
