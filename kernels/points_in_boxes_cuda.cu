// CUDA backend of points_in_boxes: the shared body, one thread per point of any frame.
// Compiled with --fmad=false so memberships equal the CPU backend's bit for bit.
#include <algorithm>

#include "kernels/box_index_cuda.h"
#include "kernels/cuda_launch.h"
#include "kernels/points_in_boxes_backends.h"
#include "kernels/points_in_boxes_impl.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 256;

struct DevicePoints {
  const float* points;
  int stride;
  const int64_t* point_offsets;
  const int64_t* box_offsets;
  int32_t frames;
  int64_t total;
};

// Members of frame f go to members[member_begin[f] + k] for k < member_capacity[f]; the
// pairs counted beyond the capacity are dropped, and the host reruns with the exact sizes.
struct MemberLists {
  const int64_t* member_begin;  // null: no members
  const int64_t* member_capacity;
  unsigned long long* member_fill;
  PointBox* members;
};

__global__ void points_in_boxes_kernel(DevicePoints p, BoxIndexView index, MemberLists m, int32_t* point_box,
                                       int32_t* box_points) {
  for (int64_t i = grid_first(); i < p.total; i += grid_step()) {
    const int32_t f = segment_of(p.point_offsets, p.frames, i);
    const float* r = p.points + i * p.stride;
    const int32_t local = static_cast<int32_t>(i - p.point_offsets[f]);
    const int32_t best = for_each_containing_box(index, f, Vec3<float>{r[0], r[1], r[2]}, [&](int32_t b) {
      atomicAdd(box_points + b, 1);
      if (!m.member_begin) return;
      const unsigned long long k = atomicAdd(m.member_fill + f, 1ull);
      if (static_cast<int64_t>(k) < m.member_capacity[f]) m.members[m.member_begin[f] + k] = PointBox{local, b};
    });
    point_box[i] = best < 0 ? -1 : static_cast<int32_t>(best - p.box_offsets[f]);
  }
}

}  // namespace

void points_in_boxes(Workspace& ws, const PointsInBoxesBatch& batch, const BoxIndex& index, PointsInBoxesResult& out) {
  const int64_t total = batch.total_points();
  const int32_t frames = batch.cuboids.frames();
  const DevicePoints p{on_device(ws, "points_in_boxes.points", View<float>{batch.points, total * batch.point_stride,
                                                                             batch.points_memory}),
                       batch.point_stride, upload(ws, "points_in_boxes.point_offsets", batch.point_offsets),
                       upload(ws, "points_in_boxes.box_offsets", batch.cuboids.offsets), frames, total};
  const BoxIndexView d_index = on_device(ws, index);
  const int64_t boxes = static_cast<int64_t>(batch.cuboids.boxes.size());
  int32_t* d_point_box = buffer<int32_t>(ws, "points_in_boxes.point_box", total);
  int32_t* d_box_points = buffer<int32_t>(ws, "points_in_boxes.box_points", boxes);
  // A point is in one cuboid but where cuboids overlap, so the first try gives frame f as
  // many member slots as points; an overlap-heavy frame is redone with its exact count.
  std::vector<int64_t> begin(batch.point_offsets.begin(), batch.point_offsets.end() - 1), capacity(frames);
  for (int32_t f = 0; f < frames; ++f) capacity[f] = batch.point_offsets[f + 1] - batch.point_offsets[f];
  for (int attempt = 0; attempt < 2; ++attempt) {
    MemberLists m{nullptr, nullptr, nullptr, nullptr};
    if (batch.keep_members) {
      const int64_t slots = frames == 0 ? 0 : begin.back() + capacity.back();
      m = {upload(ws, "points_in_boxes.member_begin", begin), upload(ws, "points_in_boxes.member_capacity", capacity),
           buffer<unsigned long long>(ws, "points_in_boxes.member_fill", frames),
           buffer<PointBox>(ws, "points_in_boxes.members", slots)};
      fill_bytes(ws, m.member_fill, frames, 0);
    }
    fill_bytes(ws, d_box_points, boxes, 0);
    if (total > 0)
      launch(points_in_boxes_kernel, grid_for(total, kThreads), kThreads, stream_of(ws), p, d_index, m, d_point_box,
             d_box_points);
    download(ws, out.point_box.data(), d_point_box, total);
    download(ws, out.box_points.data(), d_box_points, boxes);
    synchronize(ws);
    if (!batch.keep_members) return;
    bool fits = true;
    std::vector<int64_t> needed(frames);
    for (int32_t f = 0; f < frames; ++f) {
      needed[f] = out.member_count(batch.cuboids, f);
      fits = fits && needed[f] <= capacity[f];
    }
    if (fits) {
      out.member_begin = begin;
      out.members = {m.members, frames == 0 ? 0 : begin.back() + capacity.back(), Memory::Device};
      return;
    }
    capacity = needed;
    for (int32_t f = 0; f < frames; ++f) begin[f] = f == 0 ? 0 : begin[f - 1] + capacity[f - 1];
  }
}

}  // namespace fuselabel::cuda
