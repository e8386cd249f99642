#pragma once
// A BoxIndex staged on the device through a workspace (CUDA translation units only).
#include "kernels/box_index.h"
#include "kernels/workspace_cuda.h"

namespace fuselabel::cuda {

inline BoxIndexView on_device(Workspace& ws, const BoxIndex& index) {
  return {upload(ws, "box_index.grids", index.grids), upload(ws, "box_index.cell_offsets", index.cell_offsets),
          upload(ws, "box_index.cell_boxes", index.cell_boxes), upload(ws, "box_index.boxes", index.boxes),
          upload(ws, "box_index.volumes", index.volumes)};
}

}  // namespace fuselabel::cuda
