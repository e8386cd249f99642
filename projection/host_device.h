#pragma once
// FL_HOST_DEVICE marks the one shared body of every geometric operation: compiled for the
// device under nvcc and as host code everywhere else. Always inlined, as __forceinline__ is
// under nvcc: the CPU backend relies on it to specialise a kernel body per camera model (the
// compiler only folds the model switch away once the body sits inside the loop).
#if defined(__CUDACC__)
#define FL_HOST_DEVICE __host__ __device__ __forceinline__
#elif defined(__GNUC__)
#define FL_HOST_DEVICE inline __attribute__((always_inline))
#else
#define FL_HOST_DEVICE inline
#endif
