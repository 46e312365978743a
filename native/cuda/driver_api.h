#pragma once
// The slice of the CUDA driver API (libcuda.so.1) used to describe devices without creating a
// context. Hand-declared: no CUDA header is needed to build.
#include <cstddef>

#include "dso/library.h"

namespace seed_everything {

using CUdevice = int;

struct DriverApi {
  dso::LibraryRecord record;
  bool ok = false;
  int init_status = -1;  // what cuInit(0) returned; 0 = CUDA_SUCCESS

  int (*cuInit)(unsigned int) = nullptr;
  int (*cuDriverGetVersion)(int*) = nullptr;
  int (*cuDeviceGetCount)(int*) = nullptr;
  int (*cuDeviceGet)(CUdevice*, int) = nullptr;
  int (*cuDeviceGetName)(char*, int, CUdevice) = nullptr;
  int (*cuDeviceGetAttribute)(int*, int, CUdevice) = nullptr;
  int (*cuDeviceTotalMem_v2)(size_t*, CUdevice) = nullptr;
  int (*cuDevicePrimaryCtxGetState)(CUdevice, unsigned int*, int*) = nullptr;
  int (*cuGetErrorName)(int, const char**) = nullptr;
  int (*cuGetErrorString)(int, const char**) = nullptr;
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
