#pragma once
// cuRAND's C ABI (libcurand.so.10), hand-declared. Every function returns curandStatus_t (int).
#include <cstddef>

#include "dso/library.h"

namespace seed_everything {

using curandGenerator_t = void*;

enum CurandRngType : int {
  kCurandPseudoDefault = 100,
  kCurandXorwow = 101,
  kCurandMrg32k3a = 121,
  kCurandMtgp32 = 141,
  kCurandMt19937 = 142,
  kCurandPhilox4_32_10 = 161,
  kCurandQuasiDefault = 200,
  kCurandSobol32 = 201,
  kCurandScrambledSobol32 = 202,
  kCurandSobol64 = 203,
  kCurandScrambledSobol64 = 204,
};

enum CurandOrdering : int {
  kCurandOrderingPseudoBest = 100,
  kCurandOrderingPseudoDefault = 101,
  kCurandOrderingPseudoSeeded = 102,
  kCurandOrderingPseudoLegacy = 103,
  kCurandOrderingPseudoDynamic = 104,
  kCurandOrderingQuasiDefault = 201,
};

struct CurandApi {
  dso::LibraryRecord record;
  bool ok = false;

  int (*curandCreateGenerator)(curandGenerator_t*, int) = nullptr;
  int (*curandCreateGeneratorHost)(curandGenerator_t*, int) = nullptr;
  int (*curandDestroyGenerator)(curandGenerator_t) = nullptr;
  int (*curandGetVersion)(int*) = nullptr;
  int (*curandSetStream)(curandGenerator_t, void*) = nullptr;
  int (*curandSetPseudoRandomGeneratorSeed)(curandGenerator_t, unsigned long long) = nullptr;
  int (*curandSetGeneratorOffset)(curandGenerator_t, unsigned long long) = nullptr;
  int (*curandSetGeneratorOrdering)(curandGenerator_t, int) = nullptr;
  int (*curandSetQuasiRandomGeneratorDimensions)(curandGenerator_t, unsigned int) = nullptr;
  int (*curandGenerate)(curandGenerator_t, unsigned int*, size_t) = nullptr;
  int (*curandGenerateLongLong)(curandGenerator_t, unsigned long long*, size_t) = nullptr;
  int (*curandGenerateUniform)(curandGenerator_t, float*, size_t) = nullptr;
  int (*curandGenerateUniformDouble)(curandGenerator_t, double*, size_t) = nullptr;
  int (*curandGenerateNormal)(curandGenerator_t, float*, size_t, float, float) = nullptr;
  int (*curandGenerateNormalDouble)(curandGenerator_t, double*, size_t, double, double) = nullptr;
  int (*curandGenerateLogNormal)(curandGenerator_t, float*, size_t, float, float) = nullptr;
  int (*curandGenerateLogNormalDouble)(curandGenerator_t, double*, size_t, double, double) = nullptr;
  int (*curandGeneratePoisson)(curandGenerator_t, unsigned int*, size_t, double) = nullptr;
};

const CurandApi& Curand();
const char* CurandStatusName(int status);  // "CURAND_STATUS_LENGTH_NOT_MULTIPLE"

}  // namespace seed_everything
