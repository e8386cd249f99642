#pragma once
// A caller's working memory for kernels, reused across calls and frames: on CUDA a stream and
// grow-only device buffers (no allocation once they have grown to a batch's size, no
// device-wide synchronisation), plus a count of host<->device transfers. On the CPU it holds
// nothing but the device choice: CPU kernels work on host memory in place. Every op also has
// a `Device` overload, which makes a workspace for that one call (tests, one-off calls);
// callers that run ops on many frames keep one workspace.
#include <cstdint>
#include <memory>

#include "kernels/device.h"

namespace fuselabel {

namespace cuda {
struct WorkspaceState;  // kernels/workspace_cuda.h
}

class Workspace {
 public:
  explicit Workspace(Device device);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  Device device() const { return device_; }

  // Copies n floats of host memory into the resident buffer named `slot` and returns a view
  // of them in the workspace's memory (on the CPU, the host memory itself). The view stays
  // valid until the next upload to the same slot. Points uploaded once serve every op that
  // is given the view.
  View<float> upload(const char* slot, const float* host, int64_t n);

  // Host<->device copies made through this workspace (what a batched caller minimises).
  struct Transfers {
    int64_t uploads = 0, downloads = 0;
    int64_t upload_bytes = 0, download_bytes = 0;
  };
  const Transfers& transfers() const { return transfers_; }
  Transfers& transfers() { return transfers_; }

  // CUDA state; null on the CPU.
  cuda::WorkspaceState* cuda_state() { return cuda_.get(); }

 private:
  Device device_;
  Transfers transfers_;
  std::unique_ptr<cuda::WorkspaceState, void (*)(cuda::WorkspaceState*)> cuda_;
};

}  // namespace fuselabel
