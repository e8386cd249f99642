// Highway per-target helpers for point records (x y z first, `stride` floats apart), included
// by the SIMD bodies after hwy/highway.h; the guard toggles so that foreach_target.h re-includes
// it once per target, as Highway's -inl headers do.
#if defined(FUSELABEL_KERNELS_SIMD_RECORDS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef FUSELABEL_KERNELS_SIMD_RECORDS_INL_H_
#undef FUSELABEL_KERNELS_SIMD_RECORDS_INL_H_
#else
#define FUSELABEL_KERNELS_SIMD_RECORDS_INL_H_
#endif

#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace fuselabel {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The bodies' vectors: full-width float lanes and int32 lanes of the same count.
using Df = hn::ScalableTag<float>;
using Di = hn::RebindToSigned<Df>;
using Vf = hn::Vec<Df>;
using Vi = hn::Vec<Di>;

// x, y, z of Lanes(d) consecutive records from r: de-interleaving loads for the common strides
// 3 and 4, gathers otherwise.
template <class D, class V = hn::Vec<D>>
HWY_INLINE void load_xyz(D d, const float* HWY_RESTRICT r, int stride, V& x, V& y, V& z) {
  if (stride == 4) {
    V w;
    hn::LoadInterleaved4(d, r, x, y, z, w);
  } else if (stride == 3) {
    hn::LoadInterleaved3(d, r, x, y, z);
  } else {
    const hn::RebindToSigned<D> di;
    const auto index = hn::Mul(hn::Iota(di, 0), hn::Set(di, stride));
    x = hn::GatherIndex(d, r, index);
    y = hn::GatherIndex(d, r + 1, index);
    z = hn::GatherIndex(d, r + 2, index);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace fuselabel
HWY_AFTER_NAMESPACE();

#endif
