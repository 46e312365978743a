#pragma once
// The slice of the CUDA runtime (libcudart.so.{13,12,11.0}) the package uses. Hand-declared.
#include <cstddef>
#include <string>

#include "dso/library.h"

namespace seed_everything {

using cudaStream_t = void*;
using cudaEvent_t = void*;

enum CudaMemcpyKind : int {
  kMemcpyHostToHost = 0,
  kMemcpyHostToDevice = 1,
  kMemcpyDeviceToHost = 2,
  kMemcpyDeviceToDevice = 3,
  kMemcpyDefault = 4,
};

enum CudaError : int {
  kCudaSuccess = 0,
  kCudaErrorInvalidValue = 1,
  kCudaErrorMemoryAllocation = 2,
  kCudaErrorInsufficientDriver = 35,
  kCudaErrorNoDevice = 100,
  kCudaErrorInvalidDevice = 101,
};

struct CudartApi {
  dso::LibraryRecord record;
  bool ok = false;
  int expected_major = 0;

  int (*cudaGetDeviceCount)(int*) = nullptr;
  int (*cudaSetDevice)(int) = nullptr;
  int (*cudaGetDevice)(int*) = nullptr;
  int (*cudaMalloc)(void**, size_t) = nullptr;
  int (*cudaFree)(void*) = nullptr;
  int (*cudaMemcpy)(void*, const void*, size_t, int) = nullptr;
  int (*cudaMemset)(void*, int, size_t) = nullptr;
  int (*cudaDeviceSynchronize)() = nullptr;
  int (*cudaMemGetInfo)(size_t*, size_t*) = nullptr;
  const char* (*cudaGetErrorName)(int) = nullptr;
  const char* (*cudaGetErrorString)(int) = nullptr;
  int (*cudaGetLastError)() = nullptr;
  int (*cudaRuntimeGetVersion)(int*) = nullptr;
  int (*cudaDriverGetVersion)(int*) = nullptr;
  int (*cudaDeviceGetAttribute)(int*, int, int) = nullptr;
  int (*cudaStreamCreate)(cudaStream_t*) = nullptr;
  int (*cudaStreamDestroy)(cudaStream_t) = nullptr;
  int (*cudaStreamSynchronize)(cudaStream_t) = nullptr;
  int (*cudaEventCreate)(cudaEvent_t*) = nullptr;
  int (*cudaEventDestroy)(cudaEvent_t) = nullptr;
  int (*cudaEventRecord)(cudaEvent_t, cudaStream_t) = nullptr;
  int (*cudaEventSynchronize)(cudaEvent_t) = nullptr;
  int (*cudaEventElapsedTime)(float*, cudaEvent_t, cudaEvent_t) = nullptr;
};

const CudartApi& Cudart();

// "cudaErrorInsufficientDriver" for 35; works without the runtime for the common codes.
std::string CudaErrorName(int status);
std::string CudaErrorString(int status);

}  // namespace seed_everything
