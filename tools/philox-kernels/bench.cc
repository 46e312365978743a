// Kernel microbenchmark: every block kernel of native/philox/ (and, built with
// SE_PHILOX_VARIANTS, the AVX-512 variants kept for tuning) against the scalar block for bits,
// then timed interleaved in one process: cache-resident (the kernel's own speed) and 2^26
// elements (memory bound) on one and two threads, each as a ratio to a plain std::fill of the
// same array in the same round. Medians of rounds; prints the load average.
//   tools/philox-kernels/build.sh [out dir, default build-probe] && build-probe/kernels-bench [rounds]
//   build-probe/kernels-bench check   (bits only, and the float conversion on every uint32;
//                                      test/philox/kernels-tool.test.ts runs it)
// Kernels the CPU cannot run are left out.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "philox_kernels.h"
#include "seed_everything/philox.h"

namespace seed_everything {
namespace philox {
#if defined(SE_PHILOX_VARIANTS)
extern const Kernels kVariants[];
extern const char* const kVariantNames[];
extern const int kVariantCount;
void ToFloats(const uint32_t* in, size_t n, float* out);
#endif
}  // namespace philox
}  // namespace seed_everything

using namespace seed_everything::philox;

namespace {

struct Named {
  std::string name;
  const Kernels* k;
};

double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

bool Check(const Named& n) {
  const uint64_t starts[] = {0, 1, 0xfff0, 0xffff, 0x1fffc, 12345678, (1ull << 62) - 5, ~0ull - 300};
  std::vector<uint32_t> a(4 * 70000), b(4 * 70000);
  for (uint64_t seed : {0ull, 42ull, ~0ull}) {
    for (uint64_t q0 : starts) {
      for (size_t nb : std::initializer_list<size_t>{0, 1, 3, 7, 8, 16, 24, 33, 40, 47, 55, 100, 1000, 66000}) {
        if (q0 + nb < q0) continue;
        for (int f = 0; f < 2; ++f) {
          std::fill(a.begin(), a.end(), 0xdeadbeef);
          std::fill(b.begin(), b.end(), 0xdeadbeef);
          if (f) {
            kScalarKernels.floats(seed, q0, nb, (float*)a.data());
            n.k->floats(seed, q0, nb, (float*)b.data());
          } else {
            kScalarKernels.words(seed, q0, nb, a.data());
            n.k->words(seed, q0, nb, b.data());
          }
          if (a != b) {
            std::printf("MISMATCH %s %s seed %llu q0 %llu n %zu\n", n.name.c_str(), f ? "floats" : "words",
                        (unsigned long long)seed, (unsigned long long)q0, nb);
            return false;
          }
        }
      }
    }
  }
  // The double conversion on words that include the edge patterns (all ones, zero, y bits
  // past 2^53) and every group count around the vector widths.
  std::vector<uint32_t> wa(4 * 67), wb(4 * 67);
  uint64_t x = 88172645463325252ull;
  for (size_t i = 0; i < wa.size(); ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    wa[i] = i % 7 == 0 ? ~0u : uint32_t(x);
    wb[i] = i % 5 == 0 ? 0u : uint32_t(x >> 32);
  }
  for (size_t groups = 0; groups <= 67; ++groups) {
    std::vector<double> da(4 * groups + 1, -1), db(4 * groups + 1, -1);
    kScalarKernels.doubles(wa.data(), wb.data(), groups, da.data());
    n.k->doubles(wa.data(), wb.data(), groups, db.data());
    if (std::memcmp(da.data(), db.data(), 8 * da.size()) != 0) {
      std::printf("MISMATCH %s doubles, %zu groups\n", n.name.c_str(), groups);
      return false;
    }
  }
  return true;
}

// Splits [0, n) into 2^16-element chunks taken from a counter, as philox_fill.cc does.
template <typename F>
void Shared(unsigned threads, size_t n, F f) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t c; (c = next.fetch_add(1)) * 65536 < n;) f(c * 65536, std::min<size_t>(65536, n - c * 65536));
  };
  std::vector<std::thread> t;
  for (unsigned i = 1; i < threads; ++i) t.emplace_back(work);
  work();
  for (auto& x : t) x.join();
}

// The one-rounding conversion (vcvtudq2ps) against to_float's (float)x on every uint32.
bool Avx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("fma");
}

bool CheckAllFloats() {
#if defined(SE_PHILOX_VARIANTS)
  if (!kAvx512Kernels || !Avx512()) {
    std::printf("no AVX-512 kernel here: float conversion not checked\n");
    return true;
  }
  std::vector<uint32_t> in(1 << 20);
  std::vector<float> out(in.size());
  for (uint64_t base = 0; base < (1ull << 32); base += in.size()) {
    for (size_t i = 0; i < in.size(); ++i) in[i] = uint32_t(base + i);
    ToFloats(in.data(), in.size(), out.data());
    for (size_t i = 0; i < in.size(); ++i) {
      const float want = to_float(in[i]);
      if (std::memcmp(&want, &out[i], 4) != 0) {
        std::printf("MISMATCH float conversion of %u\n", in[i]);
        return false;
      }
    }
  }
  std::printf("bits: the AVX-512 float conversion matches to_float on all 2^32 words\n");
#endif
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool check_only = argc > 1 && std::string(argv[1]) == "check";
  const int rounds = argc > 1 && !check_only ? std::atoi(argv[1]) : 15;
  std::vector<Named> ks = {{"scalar", &kScalarKernels}};
  if (kAvx2Kernels && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ks.push_back({"avx2", kAvx2Kernels});
  if (kAvx512Kernels && Avx512()) {
    ks.push_back({"avx512", kAvx512Kernels});
#if defined(SE_PHILOX_VARIANTS)
    for (int i = 0; i < kVariantCount; ++i) ks.push_back({kVariantNames[i], &kVariants[i]});
#endif
  }
  for (const auto& n : ks)
    if (!Check(n)) return 1;
  std::printf("bits: %zu kernels match the scalar block\n", ks.size() - 1);
  if (check_only) return CheckAllFloats() ? 0 : 1;
  double la[3] = {0, 0, 0};
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &la[0], &la[1], &la[2]) != 3) la[0] = -1;
    std::fclose(f);
  }
  std::printf("load average at start %.2f\n", la[0]);

  // Cache-resident: 4096 blocks (64 KiB).
  {
    const size_t nb = 4096;
    std::vector<float> buf(4 * nb);
    std::vector<std::vector<double>> tw(ks.size()), tf(ks.size()), td(ks.size());
    std::vector<double> dbl(4 * nb);
    for (int r = 0; r < rounds * 4; ++r) {
      for (size_t i = 0; i < ks.size(); ++i) {
        double t0 = Now();
        for (int j = 0; j < 8; ++j) ks[i].k->words(7, uint64_t(j) << 12, nb, (uint32_t*)buf.data());
        double t1 = Now();
        for (int j = 0; j < 8; ++j) ks[i].k->floats(7, uint64_t(j) << 12, nb, buf.data());
        double t2 = Now();
        const uint32_t* w = (const uint32_t*)buf.data();
        for (int j = 0; j < 8; ++j) ks[i].k->doubles(w, w + 2 * nb, nb / 2, dbl.data());
        double t3 = Now();
        tw[i].push_back(t1 - t0);
        tf[i].push_back(t2 - t1);
        td[i].push_back(t3 - t2);
      }
    }
    std::printf("\ncache-resident (64 KiB), G words/s (doubles: G doubles/s from words), median of %d\n%-14s %8s %8s %8s\n",
                rounds * 4, "kernel", "uint32", "float", "doubles");
    for (size_t i = 0; i < ks.size(); ++i)
      std::printf("%-14s %8.2f %8.2f %8.2f\n", ks[i].name.c_str(), 8 * 4 * nb / Median(tw[i]) / 1e9,
                  8 * 4 * nb / Median(tf[i]) / 1e9, 8 * 2 * nb / Median(td[i]) / 1e9);
  }

  // 2^26 elements, as ratios to std::fill of the same array in the same round.
  const size_t n = size_t(1) << 26;
  std::vector<float> big(n, 1.0f);
  for (unsigned threads : {1u, 2u}) {
    std::vector<std::vector<double>> tw(ks.size()), tf(ks.size());
    std::vector<double> tfill;
    for (int r = 0; r < rounds; ++r) {
      double t0 = Now();
      Shared(threads, n, [&](size_t at, size_t c) { std::fill(big.begin() + at, big.begin() + at + c, 0.5f); });
      tfill.push_back(Now() - t0);
      for (size_t i = 0; i < ks.size(); ++i) {
        if (ks[i].name == "scalar") continue;
        t0 = Now();
        Shared(threads, n, [&](size_t at, size_t c) { ks[i].k->words(9, at / 4, c / 4, (uint32_t*)big.data() + at); });
        double t1 = Now();
        Shared(threads, n, [&](size_t at, size_t c) { ks[i].k->floats(9, at / 4, c / 4, big.data() + at); });
        double t2 = Now();
        tw[i].push_back(t1 - t0);
        tf[i].push_back(t2 - t1);
      }
    }
    const double fill = Median(tfill);
    std::printf("\n2^26 elements, %u thread(s): std::fill %.0f M/s; kernels as a ratio to it\n%-14s %8s %8s\n", threads,
                n / fill / 1e6, "kernel", "uint32", "float");
    for (size_t i = 0; i < ks.size(); ++i)
      if (!tw[i].empty()) std::printf("%-14s %8.2f %8.2f\n", ks[i].name.c_str(), fill / Median(tw[i]), fill / Median(tf[i]));
  }
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &la[0]) != 1) la[0] = -1;
    std::fclose(f);
  }
  std::printf("\nload average at end %.2f\n", la[0]);
  return 0;
}
