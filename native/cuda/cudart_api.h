#pragma once
// The slice of the CUDA runtime (libcudart.so.{13,12,11.0}) the package uses. Hand-declared.
#include <cstddef>
#include <string>

#include "dso/library.h"

namespace seed_everything {

// cudaMemcpyKind values the package passes.
enum CudaMemcpyKind : int {
  kMemcpyHostToDevice = 1,
  kMemcpyDeviceToHost = 2,
  kMemcpyDeviceToDevice = 3,
};

#define SE_CUDART_SYMBOLS(X)                                 \
  X(cudaGetDeviceCount, true, int, int*)                     \
  X(cudaSetDevice, true, int, int)                           \
  X(cudaMalloc, true, int, void**, size_t)                   \
  X(cudaFree, true, int, void*)                              \
  X(cudaMemcpy, true, int, void*, const void*, size_t, int)  \
  X(cudaMemset, true, int, void*, int, size_t)               \
  X(cudaDeviceSynchronize, true, int, void)                  \
  X(cudaMemGetInfo, true, int, size_t*, size_t*)             \
  X(cudaGetErrorName, true, const char*, int)                \
  X(cudaGetErrorString, true, const char*, int)              \
  X(cudaGetLastError, true, int, void)                       \
  X(cudaRuntimeGetVersion, true, int, int*)                  \
  X(cudaDriverGetVersion, true, int, int*)

struct CudartApi {
  dso::LibraryRecord record;
  bool ok = false;
  int expected_major = 0;

  SE_CUDART_SYMBOLS(SE_DSO_FIELD)
};

const CudartApi& Cudart();

// "cudaErrorInsufficientDriver" for 35; works without the runtime for the common codes.
std::string CudaErrorName(int status);
std::string CudaErrorString(int status);

}  // namespace seed_everything
