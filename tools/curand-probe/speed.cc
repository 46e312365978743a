// 2^26 float32: the engine on one thread, on all threads, and libcurand's host Philox.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

#include "curand_dl.h"
#include "philox_engine.h"

using namespace seed_everything::philox;

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// With cpu, process CPU time: on a shared machine it is what a one-thread rate means.
template <typename F>
double MedianRate(size_t n, F f, bool cpu = false) {
  std::vector<double> t;
  for (int i = 0; i < 7; ++i) {
    const auto a = std::chrono::steady_clock::now();
    const double c = CpuSeconds();
    f();
    t.push_back(cpu ? CpuSeconds() - c : std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return n / t[0] / 1e6;  // best of 7: other processes share this machine
}

int main() {
  const size_t n = size_t(1) << 26;
  std::vector<float> buf(n);
  CurandDl cu;
  auto g = cu.philox(42, 0);
  const double ref = MedianRate(n, [&] { cu.gen_uniform(g, buf.data(), n); }, true);
  std::printf("libcurand host     %8.1f M floats/s per CPU second (1-thread rates: CPU time; all threads: wall)\n", ref);
  for (Simd s : {Simd::kScalar, Simd::kAvx2, Simd::kAvx512}) {
    if (!ForceSimd(s, nullptr)) continue;
    FillRequest r;
    r.kind = Kind::kFloat;
    r.seed = 42;
    r.out = buf.data();
    r.count = n;
    const double one = MedianRate(n, [&] { Fill(r, 1); }, true);
    const double all = MedianRate(n, [&] { Fill(r, 0); });
    std::printf("%-7s 1 thread  %8.1f M/s (%.1fx)   %u threads %8.1f M/s (%.1fx)\n", SimdName(s), one, one / ref,
                HardwareThreads(), all, all / ref);
  }
  return 0;
}
