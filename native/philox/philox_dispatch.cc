// Picks the kernel set that runs fastest here: feature bits say what can run, a short timing
// (well under a millisecond) on first use says what is fastest (a wider set is not always faster:
// AMD Zen 4 issues 512-bit operations as two 256-bit halves, and an earlier AVX-512 kernel lost to
// the AVX2 one there). Tests can pin one to compare paths bit for bit.
#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

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
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("fma");
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

// Best time of several rounds of 4096 blocks (64 KiB, cache-resident: the kernel's own speed),
// the sets interleaved so that a burst of load elsewhere hits them alike. Scalar only runs
// where no vector set can. A wider set must be at least as fast to be chosen.
Simd Measure() {
  std::vector<Simd> sets;
  for (Simd s : {Simd::kAvx2, Simd::kAvx512})
    if (SimdSupported(s)) sets.push_back(s);
  if (sets.empty()) return Simd::kScalar;
  if (sets.size() == 1) return sets[0];
  constexpr size_t kBlocks = 4096;
  std::vector<float> buf(4 * kBlocks);
  std::vector<double> best(sets.size(), 1e30);
  for (int round = 0; round < 9; ++round) {
    for (size_t i = 0; i < sets.size(); ++i) {
      const Kernels& k = *Built(sets[i]);
      const auto t0 = std::chrono::steady_clock::now();
      k.floats(0x5eed, uint64_t(round) << 20, kBlocks, buf.data());
      k.words(0x5eed, uint64_t(round) << 20, kBlocks, reinterpret_cast<uint32_t*>(buf.data()));
      const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (dt < best[i]) best[i] = dt;
    }
  }
  size_t pick = 0;
  for (size_t i = 1; i < sets.size(); ++i)
    if (best[i] <= best[pick]) pick = i;
  return sets[pick];
}

// -1: not chosen yet. Relaxed is enough: every value it can hold gives the same bits.
std::atomic<int> g_active{-1};
std::mutex g_choice_mutex;
bool g_forced = false;
int g_measured = -1;

// The measured choice, measuring on first use; call with g_choice_mutex held.
Simd MeasuredLocked() {
  if (g_measured < 0) g_measured = (int)Measure();
  return (Simd)g_measured;
}

}  // namespace

bool SimdSupported(Simd simd) { return Built(simd) != nullptr && CpuHas(simd); }

Simd ActiveSimd() {
  int v = g_active.load(std::memory_order_relaxed);
  if (v < 0) {
    Calibrate();
    v = g_active.load(std::memory_order_relaxed);
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
  std::lock_guard<std::mutex> lock(g_choice_mutex);
  g_forced = true;
  g_active.store((int)simd, std::memory_order_relaxed);
  return true;
}

void ResetSimd() {
  std::lock_guard<std::mutex> lock(g_choice_mutex);
  g_forced = false;
  g_active.store((int)MeasuredLocked(), std::memory_order_relaxed);
}

void Calibrate() {
  std::lock_guard<std::mutex> lock(g_choice_mutex);
  if (g_measured >= 0 || g_forced) return;
  g_active.store((int)MeasuredLocked(), std::memory_order_relaxed);
}

bool Calibrated() {
  std::lock_guard<std::mutex> lock(g_choice_mutex);
  return g_measured >= 0;
}

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
