// CPU backend of points_in_boxes: scan_points_in_boxes (SIMD across each cell's cuboids) in one
// parallel loop over all points of all frames.
#include <algorithm>
#include <mutex>
#include <utility>

#include "kernels/cell_boxes.h"
#include "kernels/cpu_parallel.h"
#include "kernels/points_in_boxes_backends.h"
#include "kernels/segments.h"

namespace fuselabel::cpu {

void points_in_boxes(Workspace&, const PointsInBoxesBatch& batch, const BoxIndex& index, PointsInBoxesResult& out) {
  const BoxIndexView view = host_view(index);
  const int64_t* point_offsets = batch.point_offsets.data();
  const int64_t* box_offsets = batch.cuboids.offsets.data();
  const int32_t frames = batch.cuboids.frames();
  int32_t* point_box = out.point_box.data();
  int32_t* box_points = out.box_points.data();
  // Members are gathered per chunk and joined in point order, so each frame's pairs are one run.
  std::mutex chunks_mutex;
  std::vector<std::pair<int64_t, std::vector<PointBox>>> chunks;
  const CellBoxTable table = make_cell_box_table(index);
  parallel_for(batch.total_points(), [&](int64_t begin, int64_t end) {
    // Counts go to a chunk-local array first: the shared counters are touched once per box
    // per chunk instead of once per point.
    int32_t f = segment_of(point_offsets, frames, begin);
    const int64_t first_box = box_offsets[f];
    std::vector<int32_t> counts(box_offsets[segment_of(point_offsets, frames, end - 1) + 1] - first_box, 0);
    std::vector<PointBox> members;
    for (int64_t i = begin; i < end; ++f) {  // one run per frame the chunk reaches
      const int64_t stop = std::min(end, point_offsets[f + 1]);
      if (stop == i) continue;
      PointRun run;
      run.frame = f;
      run.records = batch.points + i * batch.point_stride;
      run.stride = batch.point_stride;
      run.first_point = static_cast<int32_t>(i - point_offsets[f]);
      run.count = stop - i;
      run.point_box = point_box + i;
      run.frame_first_box = box_offsets[f];
      run.box_counts = counts.data();
      run.counts_first_box = first_box;
      run.members = batch.keep_members ? &members : nullptr;
      scan_points_in_boxes(view, table, run);
      i = stop;
    }
    for (size_t k = 0; k < counts.size(); ++k)
      if (counts[k] > 0) __atomic_fetch_add(box_points + first_box + k, counts[k], __ATOMIC_RELAXED);
    if (!members.empty()) {
      std::lock_guard<std::mutex> lock(chunks_mutex);
      chunks.emplace_back(begin, std::move(members));
    }
  });
  if (!batch.keep_members) return;
  std::sort(chunks.begin(), chunks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& chunk : chunks) out.host_members.insert(out.host_members.end(), chunk.second.begin(), chunk.second.end());
  out.member_begin.assign(frames + 1, 0);
  for (int32_t g = 0; g < frames; ++g)
    out.member_begin[g + 1] = out.member_begin[g] + out.member_count(batch.cuboids, g);
  out.member_begin.pop_back();
  out.members = {out.host_members.data(), static_cast<int64_t>(out.host_members.size()), Memory::Host};
}

}  // namespace fuselabel::cpu
