#include "kernels/workspace_cuda.h"

namespace fuselabel::cuda {

WorkspaceState* make_workspace_state() { return new WorkspaceState(); }
void destroy_workspace_state(WorkspaceState* state) { delete state; }

View<float> upload_floats(Workspace& ws, const char* slot, const float* host, int64_t n) {
  return {upload(ws, slot, host, n), n, Memory::Device};
}

}  // namespace fuselabel::cuda
