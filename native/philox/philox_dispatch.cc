// Picks the widest kernel set the CPU runs; tests can pin one to compare paths bit for bit.
#include <atomic>

#include "philox_engine.h"
#include "philox_kernels.h"

namespace seed_everything {
namespace philox {
namespace {

bool CpuHas(Simd simd) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  switch (simd) {
    case Simd::kScalar: return true;
    case Simd::kAvx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Simd::kAvx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
  }
  return false;
#else
  return simd == Simd::kScalar;
#endif
}

const Kernels* Built(Simd simd) {
  switch (simd) {
    case Simd::kScalar: return &kScalarKernels;
    case Simd::kAvx2: return kAvx2Kernels;
    case Simd::kAvx512: return kAvx512Kernels;
  }
  return nullptr;
}

Simd Best() {
  if (SimdSupported(Simd::kAvx512)) return Simd::kAvx512;
  if (SimdSupported(Simd::kAvx2)) return Simd::kAvx2;
  return Simd::kScalar;
}

// -1: not chosen yet. Relaxed is enough: every value it can hold gives the same bits.
std::atomic<int> g_active{-1};

}  // namespace

bool SimdSupported(Simd simd) { return Built(simd) != nullptr && CpuHas(simd); }

Simd ActiveSimd() {
  int v = g_active.load(std::memory_order_relaxed);
  if (v < 0) {
    v = (int)Best();
    g_active.store(v, std::memory_order_relaxed);
  }
  return (Simd)v;
}

bool ForceSimd(Simd simd, std::string* error) {
  if (!Built(simd)) {
    if (error) *error = std::string("this build has no ") + SimdName(simd) + " code";
    return false;
  }
  if (!CpuHas(simd)) {
    if (error) *error = std::string("this CPU does not support ") + SimdName(simd);
    return false;
  }
  g_active.store((int)simd, std::memory_order_relaxed);
  return true;
}

void ResetSimd() { g_active.store((int)Best(), std::memory_order_relaxed); }

const char* SimdName(Simd simd) {
  switch (simd) {
    case Simd::kScalar: return "scalar";
    case Simd::kAvx2: return "avx2";
    case Simd::kAvx512: return "avx512";
  }
  return "unknown";
}

bool ParseSimd(const std::string& name, Simd* simd) {
  for (Simd s : {Simd::kScalar, Simd::kAvx2, Simd::kAvx512}) {
    if (name == SimdName(s)) {
      *simd = s;
      return true;
    }
  }
  return false;
}

const Kernels& ActiveKernels() { return *Built(ActiveSimd()); }

}  // namespace philox
}  // namespace seed_everything
