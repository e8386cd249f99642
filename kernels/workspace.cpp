#include "kernels/workspace.h"

#include "kernels/launch.h"

namespace fuselabel {

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
WorkspaceState* make_workspace_state();
void destroy_workspace_state(WorkspaceState* state);
View<float> upload_floats(Workspace& ws, const char* slot, const float* host, int64_t n);
}  // namespace cuda
#endif

namespace {
void no_state(cuda::WorkspaceState*) {}
}  // namespace

Workspace::Workspace(Device device) : device_(device), cuda_(nullptr, no_state) {
  if (device != Device::Cuda) return;
#ifdef FUSELABEL_HAVE_CUDA
  cuda_ = {cuda::make_workspace_state(), cuda::destroy_workspace_state};
#else
  throw_cuda_backend_missing();
#endif
}

Workspace::~Workspace() = default;

View<float> Workspace::upload(const char* slot, const float* host, int64_t n) {
  if (device_ == Device::Cpu) return {host, n, Memory::Host};
#ifdef FUSELABEL_HAVE_CUDA
  return cuda::upload_floats(*this, slot, host, n);
#else
  (void)slot;
  throw_cuda_backend_missing();
#endif
}

}  // namespace fuselabel
