#pragma once
// boxes_to_image: the tight 2D box each camera sees of each cuboid, batched over frames x
// cuboids x cameras. A job takes one frame's cuboids into one camera through T_cam_frame.
//
// The per-element body is project_cuboid_box (projection/cuboid_projection.h): edges clipped at
// the near plane, sampled densely for distorting lenses, convex hull intersected with the image
// rectangle [0, W-1] x [0, H-1], bounded. It runs in float64 on both devices: near-plane
// clipping leaves hull vertices far outside the image, and clipping those to the image in float
// would move box edges by more than 1e-3 px.
#include <cstdint>
#include <vector>

#include "kernels/box_index.h"
#include "kernels/workspace.h"
#include "projection/camera_model.h"
#include "projection/polygon.h"

namespace fuselabel {

struct BoxImageJob {
  int32_t frame = 0;
  int32_t camera = 0;
  Transform3d T_cam_frame;
};

struct BoxesToImageBatch {
  FrameCuboids cuboids;
  std::vector<CameraModeld> cameras;
  std::vector<BoxImageJob> jobs;
};

// box is valid when visible; all zero when no part of the cuboid projects inside the image.
struct ImageBox {
  Box2<double> box;
  bool visible = false;
};

// Where each job's results start in the output (size = jobs + 1): job j's entry for box b of
// its frame is out[offsets[j] + b].
std::vector<int64_t> boxes_to_image_offsets(const BoxesToImageBatch& batch);

// Throws std::invalid_argument on an inconsistent batch (indices, cuboids, empty images).
void validate(const BoxesToImageBatch& batch);

void boxes_to_image(Workspace& ws, const BoxesToImageBatch& batch, std::vector<ImageBox>& out);
void boxes_to_image(Device device, const BoxesToImageBatch& batch, std::vector<ImageBox>& out);

}  // namespace fuselabel
