#pragma once
// The per-pair body of box_overlap, shared by both backends.
#include "kernels/box_overlap.h"
#include "kernels/segments.h"
#include "projection/box_overlap.h"

namespace fuselabel {

FL_HOST_DEVICE BoxOverlap overlap_of(const BevBox<double>& a, const BevBox<double>& b) {
  BoxOverlap out;
  bev_and_3d_iou(a, b, out.bev_iou, out.iou_3d);
  return out;
}

// Entry k of box_overlap_within_frames' output compares boxes first and second (global indices).
FL_HOST_DEVICE void matrix_entry(const int64_t* matrix_offsets, const int64_t* box_offsets, int32_t frames, int64_t k,
                                 int64_t& first, int64_t& second) {
  const int32_t f = segment_of(matrix_offsets, frames, k);
  const int64_t n = box_offsets[f + 1] - box_offsets[f], local = k - matrix_offsets[f];
  first = box_offsets[f] + local / n;
  second = box_offsets[f] + local % n;
}

}  // namespace fuselabel
