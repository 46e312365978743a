#pragma once
// cuRAND's C ABI (libcurand.so.10), hand-declared. Every function returns curandStatus_t (int).
#include <cstddef>

#include "dso/library.h"

namespace seed_everything {

using curandGenerator_t = void*;

// The generator type and ordering the per-device default generator uses (curand/device_rng.cc).
constexpr int kCurandPhilox4_32_10 = 161;
constexpr int kCurandOrderingPseudoLegacy = 103;

#define SE_CURAND_SYMBOLS(X)                                                               \
  X(curandCreateGenerator, true, int, curandGenerator_t*, int)                             \
  X(curandCreateGeneratorHost, true, int, curandGenerator_t*, int)                         \
  X(curandDestroyGenerator, true, int, curandGenerator_t)                                  \
  X(curandGetVersion, true, int, int*)                                                     \
  X(curandSetStream, true, int, curandGenerator_t, void*)                                  \
  X(curandSetPseudoRandomGeneratorSeed, true, int, curandGenerator_t, unsigned long long)  \
  X(curandSetGeneratorOffset, true, int, curandGenerator_t, unsigned long long)            \
  X(curandSetGeneratorOrdering, true, int, curandGenerator_t, int)                         \
  X(curandSetQuasiRandomGeneratorDimensions, true, int, curandGenerator_t, unsigned int)   \
  X(curandGenerate, true, int, curandGenerator_t, unsigned int*, size_t)                   \
  X(curandGenerateLongLong, true, int, curandGenerator_t, unsigned long long*, size_t)     \
  X(curandGenerateUniform, true, int, curandGenerator_t, float*, size_t)                   \
  X(curandGenerateUniformDouble, true, int, curandGenerator_t, double*, size_t)            \
  X(curandGenerateNormal, true, int, curandGenerator_t, float*, size_t, float, float)      \
  X(curandGenerateNormalDouble, true, int, curandGenerator_t, double*, size_t, double, double) \
  X(curandGenerateLogNormal, true, int, curandGenerator_t, float*, size_t, float, float)   \
  X(curandGenerateLogNormalDouble, true, int, curandGenerator_t, double*, size_t, double, double) \
  X(curandGeneratePoisson, true, int, curandGenerator_t, unsigned int*, size_t, double)

struct CurandApi {
  dso::LibraryRecord record;
  bool ok = false;

  SE_CURAND_SYMBOLS(SE_DSO_FIELD)
};

const CurandApi& Curand();
const char* CurandStatusName(int status);  // "CURAND_STATUS_LENGTH_NOT_MULTIPLE"

}  // namespace seed_everything
