// Engine vs libcurand's host Philox over many seeds, offsets, counts, kinds and every SIMD
// path this CPU runs. Bits must match everywhere except the tail libcurand 10.3 leaves
// unwritten (docs/philox-stream.md, "defect"); those tails are counted, not failed.
//   build-probe/selfcheck [quick]
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "curand_dl.h"
#include "philox_engine.h"

using namespace seed_everything::philox;

namespace {

const Kind kKinds[] = {Kind::kUint32, Kind::kFloat, Kind::kDouble, Kind::kNormalFloat,
                       Kind::kNormalDouble, Kind::kLogNormalFloat, Kind::kLogNormalDouble};
const char* kNames[] = {"u32", "float", "double", "normal", "normald", "lognormal", "lognormald"};

bool Wide(Kind k) { return k == Kind::kDouble || k == Kind::kNormalDouble || k == Kind::kLogNormalDouble; }

// What libcurand writes, with a sentinel of all-ones bits where it writes nothing.
// With `skip`, a first call of that many elements comes before the one returned.
std::vector<uint64_t> Curand(const CurandDl& cu, Kind kind, uint64_t seed, uint64_t off, size_t n,
                             double mean, double sd, size_t skip = 0) {
  auto g = cu.philox(seed, off);
  if (skip) {
    std::vector<double> scratch(skip);
    int st = 0;
    if (kind == Kind::kUint32) st = cu.gen_u32(g, (unsigned*)scratch.data(), skip);
    if (kind == Kind::kFloat) st = cu.gen_uniform(g, (float*)scratch.data(), skip);
    if (kind == Kind::kDouble) st = cu.gen_uniform_d(g, scratch.data(), skip);
    if (kind == Kind::kNormalFloat) st = cu.gen_normal(g, (float*)scratch.data(), skip, (float)mean, (float)sd);
    if (kind == Kind::kNormalDouble) st = cu.gen_normal_d(g, scratch.data(), skip, mean, sd);
    if (kind == Kind::kLogNormalFloat) st = cu.gen_lognormal(g, (float*)scratch.data(), skip, (float)mean, (float)sd);
    if (kind == Kind::kLogNormalDouble) st = cu.gen_lognormal_d(g, scratch.data(), skip, mean, sd);
    CurandDl::check(st, "first call");
  }
  std::vector<uint64_t> bits(n, ~0ull);
  int st = 0;
  if (Wide(kind)) {
    std::vector<double> v(n);
    std::memset(v.data(), 0xff, n * 8);
    if (kind == Kind::kDouble) st = cu.gen_uniform_d(g, v.data(), n);
    if (kind == Kind::kNormalDouble) st = cu.gen_normal_d(g, v.data(), n, mean, sd);
    if (kind == Kind::kLogNormalDouble) st = cu.gen_lognormal_d(g, v.data(), n, mean, sd);
    std::memcpy(bits.data(), v.data(), n * 8);
  } else {
    std::vector<uint32_t> v(n, ~0u);
    if (kind == Kind::kUint32) st = cu.gen_u32(g, v.data(), n);
    float* f = reinterpret_cast<float*>(v.data());
    if (kind == Kind::kFloat) st = cu.gen_uniform(g, f, n);
    if (kind == Kind::kNormalFloat) st = cu.gen_normal(g, f, n, (float)mean, (float)sd);
    if (kind == Kind::kLogNormalFloat) st = cu.gen_lognormal(g, f, n, (float)mean, (float)sd);
    for (size_t i = 0; i < n; ++i) bits[i] = v[i] == ~0u ? ~0ull : v[i];
  }
  CurandDl::check(st, "generate");
  cu.destroy(g);
  return bits;
}

std::vector<uint64_t> Ours(Kind kind, uint64_t seed, uint64_t off, size_t n, double mean, double sd,
                           unsigned threads, uint64_t anchor) {
  std::vector<uint64_t> bits(n);
  std::vector<uint32_t> narrow(Wide(kind) ? 0 : n);
  FillRequest r;
  r.kind = kind;
  r.seed = seed;
  r.offset = off;
  r.count = n;
  r.anchor = anchor;
  r.mean = mean;
  r.stddev = sd;
  r.out = Wide(kind) ? (void*)bits.data() : (void*)narrow.data();
  Fill(r, threads);
  if (!Wide(kind))
    for (size_t i = 0; i < n; ++i) bits[i] = narrow[i];
  return bits;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "quick";
  CurandDl cu;
  const uint64_t seeds[] = {0, 11, 0xffffffffull, 0x100000000ull, 1ull << 63, ~0ull, 0x123456789abcdefull};
  // The last two start 3 and 262147 below 2^64: every fill of 4 or more elements crosses it.
  std::vector<uint64_t> offsets = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 262143, 262145, 1ull << 40, ~0ull - 2, ~0ull - 262146};
  std::vector<size_t> counts = {1, 2, 3, 4, 5, 6, 7, 8, 9, 262141, 262147, 1000000};
  if (quick) counts.pop_back();
  long failures = 0, defect_tails = 0, compared = 0;
  for (Simd simd : {Simd::kScalar, Simd::kAvx2, Simd::kAvx512}) {
    std::string why;
    if (!ForceSimd(simd, &why)) {
      std::printf("skip %s: %s\n", SimdName(simd), why.c_str());
      continue;
    }
    for (size_t ki = 0; ki < 7; ++ki)
      for (uint64_t seed : seeds)
        for (uint64_t off : offsets)
          for (size_t n : counts) {
            if (simd != Simd::kAvx2 && n > 300000) continue;
            if (n > 10 && seed != 0 && seed != 11 && seed != ~0ull) continue;
            const double mean = ki >= 3 ? 0.25 : 0, sd = ki >= 3 ? 1.5 : 1;
            const auto ref = Curand(cu, kKinds[ki], seed, off, n, mean, sd);
            const auto ours = Ours(kKinds[ki], seed, off, n, mean, sd, n > 300000 ? 0 : 1, off);
            const bool defect = off != 0 && off % 4 == 0 && n % 4 != 0;
            for (size_t i = 0; i < n; ++i) {
              ++compared;
              if (ref[i] == ours[i]) continue;
              if (defect && i >= n - n % 4 && ref[i] == ~0ull) {
                ++defect_tails;
                continue;
              }
              if (++failures <= 20)
                std::printf("MISMATCH %s %s seed %llu offset %llu count %zu at %zu: curand %llx ours %llx\n",
                            SimdName(simd), kNames[ki], (unsigned long long)seed, (unsigned long long)off, n, i,
                            (unsigned long long)ref[i], (unsigned long long)ours[i]);
            }
          }
    // Second calls: cuRAND keeps the layout anchored at the offset it was set to.
    for (size_t ki = 0; ki < 7; ++ki)
      for (uint64_t off : {0ull, 1ull, 4ull, 262140ull, 262145ull})
        for (size_t n1 : {262144ul, 262148ul, 524296ul}) {
          const size_t n2 = 1000;
          const auto ref = Curand(cu, kKinds[ki], 11, off, n2, 0.25, 1.5, n1);
          const auto ours = Ours(kKinds[ki], 11, off + n1, n2, 0.25, 1.5, 1, off);
          for (size_t i = 0; i < n2; ++i) {
            ++compared;
            if (ref[i] != ours[i] && ++failures <= 20)
              std::printf("MISMATCH second call %s %s offset %llu first %zu at %zu\n", SimdName(simd), kNames[ki],
                          (unsigned long long)off, n1, i);
          }
        }
    std::printf("%s done\n", SimdName(simd));
  }
  ResetSimd();
  std::printf("%ld elements compared, %ld mismatches, %ld unwritten defect tails\n", compared, failures,
              defect_tails);
  return failures ? 1 : 0;
}
