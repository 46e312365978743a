#pragma once
// The slice of the CUDA driver API (libcuda.so.1) used to describe devices without creating a
// context. Hand-declared: no CUDA header is needed to build.
#include <cstddef>

#include "dso/library.h"

namespace seed_everything {

using CUdevice = int;

#define SE_DRIVER_SYMBOLS(X)                                          \
  X(cuInit, true, int, unsigned int)                                  \
  X(cuDriverGetVersion, true, int, int*)                              \
  X(cuDeviceGetCount, true, int, int*)                                \
  X(cuDeviceGet, true, int, CUdevice*, int)                           \
  X(cuDeviceGetName, true, int, char*, int, CUdevice)                 \
  X(cuDeviceGetAttribute, true, int, int*, int, CUdevice)             \
  X(cuDeviceTotalMem_v2, true, int, size_t*, CUdevice)                \
  X(cuDevicePrimaryCtxGetState, true, int, CUdevice, unsigned int*, int*) \
  X(cuGetErrorName, true, int, int, const char**)

struct DriverApi {
  dso::LibraryRecord record;
  bool ok = false;
  int init_status = -1;  // what cuInit(0) returned; 0 = CUDA_SUCCESS

  SE_DRIVER_SYMBOLS(SE_DSO_FIELD)
};

enum DriverAttribute : int {
  kCuAttrMultiprocessorCount = 16,
  kCuAttrComputeCapabilityMajor = 75,
  kCuAttrComputeCapabilityMinor = 76,
};

// Loaded once per process on first call; never at import.
const DriverApi& Driver();
const char* DriverErrorName(int status);

}  // namespace seed_everything
