#pragma once
// score_edge_candidates: how well many views' LiDAR edges fall on their images' edges under many
// candidate extrinsic corrections, in one call: the inner loop of calibration_drift
// (fusion/check/edge_alignment.h), run for every judged image at every candidate of its grid.
//
// View v: edges [edge_offsets[v], edge_offsets[v + 1]) (x y z, in the view's nominal camera
// frame), the score map of its image (float, its camera's width x height, row-major, pixel
// centres at integer coordinates) at maps[map_offsets[v]], its camera model. Candidate c: the
// correction T_true_nominal applied to every edge before projection.
#include <cstdint>
#include <vector>

#include "kernels/workspace.h"
#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

struct EdgeScoreBatch {
  std::vector<float> edges;           // x y z per edge
  std::vector<int64_t> edge_offsets;  // views + 1, in edges (not floats)
  std::vector<float> maps;
  std::vector<int64_t> map_offsets;  // views + 1, in floats
  std::vector<int32_t> view_camera;  // per view: index into cameras
  std::vector<CameraModelf> cameras;
  std::vector<Transform3f> candidates;

  int64_t views() const { return int64_t(view_camera.size()); }
  // Appends a view; `score` is width x height of cameras[camera], row-major.
  void add_view(int32_t camera, const std::vector<Vec3<double>>& view_edges, const float* score);
};

// Throws std::invalid_argument on an inconsistent batch (offsets, sizes, indices).
void validate(const EdgeScoreBatch& batch);

// out[v * candidates + c]: the mean over view v's edges of the score map, read bilinearly where
// candidate c projects the edge (0 for an edge that does not project or falls outside the map's
// interior); 0 for a view without edges. Sums in double; the backends agree to float rounding.
void score_edge_candidates(Workspace& ws, const EdgeScoreBatch& batch, std::vector<double>& out);
void score_edge_candidates(Device device, const EdgeScoreBatch& batch, std::vector<double>& out);

}  // namespace fuselabel
