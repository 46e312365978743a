// Writes test/fixtures/philox-curand.json: known answers from libcurand's host Philox for the
// Philox tests, so they run where libcurand is absent.
//   build-probe/fixture > test/fixtures/philox-curand.json
// Only cases libcurand 10.3 gets right are recorded (docs/philox-stream.md (e), (f)).
#include <cinttypes>
#include <cstring>
#include <string>
#include <vector>

#include "curand_dl.h"

namespace {

const char* kKinds[] = {"u32", "uniform", "uniformDouble", "normal", "normalDouble", "logNormal", "logNormalDouble"};

bool Wide(int k) { return k == 2 || k == 4 || k == 6; }

// Runs the calls on one generator and returns the last call's values as bit patterns. Buffers
// get slack: libcurand writes one element past an odd-length host normal fill.
std::vector<uint64_t> Run(const CurandDl& cu, int k, uint64_t seed, uint64_t offset, const std::vector<size_t>& calls,
                          double mean, double sd) {
  auto g = cu.philox(seed, offset);
  std::vector<uint64_t> last;
  for (size_t n : calls) {
    std::vector<double> d(n + 8);
    std::vector<float> f(n + 8);
    std::vector<unsigned> u(n + 8);
    int st = 0;
    switch (k) {
      case 0: st = cu.gen_u32(g, u.data(), n); break;
      case 1: st = cu.gen_uniform(g, f.data(), n); break;
      case 2: st = cu.gen_uniform_d(g, d.data(), n); break;
      case 3: st = cu.gen_normal(g, f.data(), n, (float)mean, (float)sd); break;
      case 4: st = cu.gen_normal_d(g, d.data(), n, mean, sd); break;
      case 5: st = cu.gen_lognormal(g, f.data(), n, (float)mean, (float)sd); break;
      case 6: st = cu.gen_lognormal_d(g, d.data(), n, mean, sd); break;
    }
    CurandDl::check(st, kKinds[k]);
    last.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
      if (k == 0) last[i] = u[i];
      else if (Wide(k)) std::memcpy(&last[i], &d[i], 8);
      else std::memcpy(&last[i], &f[i], 4);
    }
  }
  cu.destroy(g);
  return last;
}

}  // namespace

int main() {
  CurandDl cu;
  const uint64_t seeds[] = {0, 11, 0xffffffffull, 0x100000000ull, 1ull << 63, ~0ull};
  struct Case {
    uint64_t offset;
    std::vector<size_t> calls;
  };
  const std::vector<Case> cases = {
      {0, {16}},      {1, {7}},       {3, {9}},           {5, {6}},          {262143, {6}},
      {262141, {10}}, {4, {8}},       {(1ull << 40) + 1, {5}}, {0, {6, 6}}, {2, {5, 7}},
      {262140, {12}}, {0, {262144, 8}}, {262144, {8}},     {1, {262143, 9}},
  };
  std::printf("{\n  \"command\": \"tools/curand-probe/build.sh && build-probe/fixture > test/fixtures/philox-curand.json\",\n");
  std::printf("  \"library\": \"libcurand.so.10 (cuRAND 10.3.0), curandCreateGeneratorHost(PHILOX4_32_10)\",\n");
  std::printf("  \"note\": \"values: the last call only, u32 as numbers, floats and doubles as IEEE bit patterns in hex\",\n");
  std::printf("  \"cases\": [\n");
  bool first = true;
  for (int k = 0; k < 7; ++k)
    for (uint64_t seed : seeds)
      for (const Case& c : cases) {
        // Big cases for two seeds only: they exist for the layout at 65536-group boundaries.
        if (c.calls.size() > 1 && c.calls[0] > 1000 && seed != 11 && seed != ~0ull) continue;
        const double mean = k >= 3 ? 0.5 : 0, sd = k >= 3 ? 2 : 1;
        const auto v = Run(cu, k, seed, c.offset, c.calls, mean, sd);
        std::printf("%s    {\"kind\": \"%s\", \"seed\": \"%" PRIu64 "\", \"offset\": \"%" PRIu64 "\", \"calls\": [", first ? "" : ",\n",
                    kKinds[k], seed, c.offset);
        first = false;
        for (size_t i = 0; i < c.calls.size(); ++i) std::printf("%s%zu", i ? ", " : "", c.calls[i]);
        std::printf("], \"mean\": %g, \"std\": %g, \"values\": [", mean, sd);
        for (size_t i = 0; i < v.size(); ++i) {
          if (k == 0) std::printf("%s%" PRIu64, i ? ", " : "", v[i]);
          else std::printf("%s\"0x%0*" PRIx64 "\"", i ? ", " : "", Wide(k) ? 16 : 8, v[i]);
        }
        std::printf("]}");
      }
  std::printf("\n  ]\n}\n");
  return 0;
}
