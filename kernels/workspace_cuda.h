#pragma once
// The CUDA side of a Workspace (CUDA translation units only): named grow-only device buffers
// on the workspace's stream, and counted copies.
#include <map>
#include <string>
#include <vector>

#include "kernels/cuda_check.h"
#include "kernels/workspace.h"

namespace fuselabel::cuda {

struct WorkspaceState {
  Stream stream;
  std::map<std::string, DeviceBuffer<unsigned char>> buffers;
};

inline cudaStream_t stream_of(Workspace& ws) { return ws.cuda_state()->stream.get(); }

// The buffer named `slot`, holding at least n elements of T; its contents are kept only while
// it does not grow. It grows (to 1.5x what is asked) and never shrinks.
template <typename T>
T* buffer(Workspace& ws, const char* slot, int64_t n) {
  DeviceBuffer<unsigned char>& b = ws.cuda_state()->buffers[slot];
  const size_t bytes = static_cast<size_t>(n) * sizeof(T);
  if (b.size() < bytes) {
    b = DeviceBuffer<unsigned char>();
    b = DeviceBuffer<unsigned char>(bytes + bytes / 2);
  }
  return reinterpret_cast<T*>(b.data());
}

template <typename T>
T* upload(Workspace& ws, const char* slot, const T* host, int64_t n) {
  T* d = buffer<T>(ws, slot, n);
  if (n == 0) return d;
  FL_CUDA_CHECK(cudaMemcpyAsync(d, host, n * sizeof(T), cudaMemcpyHostToDevice, stream_of(ws)));
  ++ws.transfers().uploads;
  ws.transfers().upload_bytes += n * static_cast<int64_t>(sizeof(T));
  return d;
}

template <typename T>
T* upload(Workspace& ws, const char* slot, const std::vector<T>& host) {
  return upload(ws, slot, host.data(), static_cast<int64_t>(host.size()));
}

// A view's data on the device: in place when it is there already, else uploaded into `slot`.
template <typename T>
const T* on_device(Workspace& ws, const char* slot, const View<T>& view) {
  return view.memory == Memory::Device ? view.data : upload(ws, slot, view.data, view.count);
}

template <typename T>
void download(Workspace& ws, T* host, const T* device, int64_t n) {
  if (n == 0) return;
  FL_CUDA_CHECK(cudaMemcpyAsync(host, device, n * sizeof(T), cudaMemcpyDeviceToHost, stream_of(ws)));
  ++ws.transfers().downloads;
  ws.transfers().download_bytes += n * static_cast<int64_t>(sizeof(T));
}

template <typename T>
void fill_bytes(Workspace& ws, T* device, int64_t n, int byte) {
  if (n > 0) FL_CUDA_CHECK(cudaMemsetAsync(device, byte, n * sizeof(T), stream_of(ws)));
}

// Waits for this workspace's stream only.
inline void synchronize(Workspace& ws) { ws.cuda_state()->stream.synchronize(); }

}  // namespace fuselabel::cuda
