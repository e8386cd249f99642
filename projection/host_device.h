#pragma once
// FL_HOST_DEVICE marks the one shared body of every geometric operation: compiled for the
// device under nvcc and as plain inline host code everywhere else.
#if defined(__CUDACC__)
#define FL_HOST_DEVICE __host__ __device__ __forceinline__
#else
#define FL_HOST_DEVICE inline
#endif
