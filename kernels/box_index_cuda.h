#pragma once
// A BoxIndex copied to the device (CUDA translation units only).
#include "kernels/box_index.h"
#include "kernels/cuda_check.h"

namespace fuselabel::cuda {

struct DeviceBoxIndex {
  DeviceBuffer<BevGridFrame> grids;
  DeviceBuffer<int32_t> cell_offsets;
  DeviceBuffer<int32_t> cell_boxes;
  DeviceBuffer<CuboidFrame<float>> boxes;
  DeviceBuffer<double> volumes;

  BoxIndexView view() const {
    return {grids.data(), cell_offsets.data(), cell_boxes.data(), boxes.data(), volumes.data()};
  }
};

inline DeviceBoxIndex upload(const BoxIndex& index, cudaStream_t stream) {
  return {to_device(index.grids, stream), to_device(index.cell_offsets, stream), to_device(index.cell_boxes, stream),
          to_device(index.boxes, stream), to_device(index.volumes, stream)};
}

}  // namespace fuselabel::cuda
