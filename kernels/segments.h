#pragma once
// Batches concatenate variable-sized segments (frames' points, jobs' outputs) behind an offsets
// array; kernels that run one thread per element find their segment here.
#include <cstdint>

#include "projection/host_device.h"

namespace fuselabel {

// The segment owning element i: the s with offsets[s] <= i < offsets[s + 1], for offsets of
// size segments + 1 and 0 <= i < offsets[segments]. Empty segments are never returned.
FL_HOST_DEVICE int32_t segment_of(const int64_t* offsets, int32_t segments, int64_t i) {
  int32_t lo = 0, hi = segments;
  while (hi - lo > 1) {
    const int32_t mid = lo + (hi - lo) / 2;
    if (offsets[mid] <= i)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

}  // namespace fuselabel
