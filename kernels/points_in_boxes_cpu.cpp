// CPU backend of points_in_boxes: the shared body in a parallel loop over all points of all
// frames.
#include "kernels/cpu_parallel.h"
#include "kernels/points_in_boxes_backends.h"
#include "kernels/points_in_boxes_impl.h"

namespace fuselabel::cpu {

void points_in_boxes(const PointsInBoxesBatch& batch, const BoxIndex& index, int32_t* point_box, int32_t* box_points) {
  const BoxIndexView view = host_view(index);
  const int64_t* point_offsets = batch.point_offsets.data();
  const int64_t* box_offsets = batch.cuboids.offsets.data();
  const int32_t frames = batch.cuboids.frames();
  parallel_for(batch.total_points(), [&](int64_t begin, int64_t end) {
    // Counts go to a chunk-local array first: the shared counters are touched once per box
    // per chunk instead of once per point.
    int32_t f = segment_of(point_offsets, frames, begin);
    const int64_t first_box = box_offsets[f];
    std::vector<int32_t> counts(box_offsets[segment_of(point_offsets, frames, end - 1) + 1] - first_box, 0);
    for (int64_t i = begin; i < end; ++i) {
      while (i >= point_offsets[f + 1]) ++f;
      const float* r = batch.points + i * batch.point_stride;
      const int32_t best =
          for_each_containing_box(view, f, Vec3<float>{r[0], r[1], r[2]}, [&](int32_t b) { ++counts[b - first_box]; });
      point_box[i] = best < 0 ? -1 : static_cast<int32_t>(best - box_offsets[f]);
    }
    for (size_t k = 0; k < counts.size(); ++k)
      if (counts[k] > 0) __atomic_fetch_add(box_points + first_box + k, counts[k], __ATOMIC_RELAXED);
  });
}

}  // namespace fuselabel::cpu
