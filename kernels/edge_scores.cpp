#include "kernels/edge_scores.h"

#include <stdexcept>
#include <string>

#include "kernels/edge_scores_backends.h"
#include "kernels/launch.h"

namespace fuselabel {

void EdgeScoreBatch::add_view(int32_t camera, const std::vector<Vec3<double>>& view_edges, const float* score) {
  if (edge_offsets.empty()) edge_offsets.push_back(0), map_offsets.push_back(0);
  for (const Vec3<double>& p : view_edges) edges.insert(edges.end(), {float(p.x), float(p.y), float(p.z)});
  edge_offsets.push_back(edge_offsets.back() + int64_t(view_edges.size()));
  const CameraModelf& cam = cameras.at(size_t(camera));
  const int64_t pixels = int64_t(cam.width) * cam.height;
  maps.insert(maps.end(), score, score + pixels);
  map_offsets.push_back(map_offsets.back() + pixels);
  view_camera.push_back(camera);
}

void validate(const EdgeScoreBatch& b) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("EdgeScoreBatch: " + what); };
  const size_t views = b.view_camera.size();
  if (views == 0) return;
  if (b.edge_offsets.size() != views + 1 || b.map_offsets.size() != views + 1)
    fail("edge_offsets and map_offsets need one entry per view and one more");
  if (b.edge_offsets.front() != 0 || b.map_offsets.front() != 0) fail("offsets must start at 0");
  if (b.edge_offsets.back() * 3 != int64_t(b.edges.size())) fail("edge_offsets do not end at the edges' count");
  if (b.map_offsets.back() != int64_t(b.maps.size())) fail("map_offsets do not end at the maps' size");
  for (size_t v = 0; v < views; ++v) {
    const int32_t c = b.view_camera[v];
    if (c < 0 || c >= int32_t(b.cameras.size())) fail("view " + std::to_string(v) + " names a camera out of range");
    if (b.edge_offsets[v + 1] < b.edge_offsets[v]) fail("edge_offsets must not decrease");
    const CameraModelf& cam = b.cameras[size_t(c)];
    if (cam.width <= 0 || cam.height <= 0) fail("camera " + std::to_string(c) + " has an empty image size");
    if (b.map_offsets[v + 1] - b.map_offsets[v] != int64_t(cam.width) * cam.height)
      fail("view " + std::to_string(v) + "'s map is not its camera's width x height");
  }
}

void score_edge_candidates(Workspace& ws, const EdgeScoreBatch& batch, std::vector<double>& out) {
  validate(batch);
  out.assign(size_t(batch.views()) * batch.candidates.size(), 0.0);
  if (out.empty()) return;
  FL_DISPATCH(ws.device(), score_edge_candidates(ws, batch, out.data()));
}

void score_edge_candidates(Device device, const EdgeScoreBatch& batch, std::vector<double>& out) {
  Workspace ws(device);
  score_edge_candidates(ws, batch, out);
}

}  // namespace fuselabel
