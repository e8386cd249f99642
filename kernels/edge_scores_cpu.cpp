// CPU backend of score_edge_candidates: one parallel loop over (view, candidate) pairs, each
// summing its view's edges in order.
#include "kernels/cpu_parallel.h"
#include "kernels/edge_scores_backends.h"
#include "kernels/edge_scores_impl.h"

namespace fuselabel::cpu {

void score_edge_candidates(Workspace&, const EdgeScoreBatch& b, double* out) {
  const int64_t candidates = int64_t(b.candidates.size());
  parallel_for(
      b.views() * candidates,
      [&](int64_t begin, int64_t end) {
        for (int64_t k = begin; k < end; ++k) {
          const int64_t v = k / candidates;
          const int64_t first = b.edge_offsets[v], n = b.edge_offsets[v + 1] - first;
          if (n == 0) continue;
          const CameraModelf& cam = b.cameras[size_t(b.view_camera[v])];
          const Transform3f& T = b.candidates[size_t(k % candidates)];
          const float* map = b.maps.data() + b.map_offsets[v];
          double sum = 0;
          for (int64_t i = 0; i < n; ++i) sum += edge_score(cam, T, b.edges.data() + 3 * (first + i), map);
          out[k] = sum / double(n);
        }
      },
      1);
}

}  // namespace fuselabel::cpu
