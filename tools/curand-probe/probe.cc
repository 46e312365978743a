// Prints what libcurand's host Philox generator writes, so the stream facts in
// docs/philox-stream.md can be re-checked by anyone with libcurand.so.10.
//   probe KIND SEED OFFSET COUNT [COUNT ...]
// KIND: u32 float double normal normald lognormal lognormald. Several COUNTs make successive
// calls on one generator. Buffers are pre-filled with a sentinel (u32 0, floats -1) so
// unwritten slots show.
#include <cinttypes>
#include <cstring>
#include <string>
#include <vector>

#include "curand_dl.h"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: probe KIND SEED OFFSET COUNT [COUNT ...]\n");
    return 1;
  }
  const std::string kind = argv[1];
  const unsigned long long seed = std::strtoull(argv[2], nullptr, 0);
  const unsigned long long offset = std::strtoull(argv[3], nullptr, 0);
  CurandDl cu;
  auto g = cu.philox(seed, offset);
  size_t index = 0;
  for (int a = 4; a < argc; ++a) {
    const size_t n = std::strtoull(argv[a], nullptr, 0);
    int st = 0;
    if (kind == "u32") {
      std::vector<unsigned> v(n, 0);
      st = cu.gen_u32(g, v.data(), n);
      for (auto x : v) std::printf("%zu %u\n", index++, x);
    } else if (kind == "float" || kind == "normal" || kind == "lognormal") {
      std::vector<float> v(n, -1.0f);
      if (kind == "float") st = cu.gen_uniform(g, v.data(), n);
      if (kind == "normal") st = cu.gen_normal(g, v.data(), n, 0.0f, 1.0f);
      if (kind == "lognormal") st = cu.gen_lognormal(g, v.data(), n, 0.0f, 1.0f);
      for (auto x : v) {
        uint32_t b;
        std::memcpy(&b, &x, 4);
        std::printf("%zu %.9g 0x%08x\n", index++, x, b);
      }
    } else {
      std::vector<double> v(n, -1.0);
      if (kind == "double") st = cu.gen_uniform_d(g, v.data(), n);
      if (kind == "normald") st = cu.gen_normal_d(g, v.data(), n, 0.0, 1.0);
      if (kind == "lognormald") st = cu.gen_lognormal_d(g, v.data(), n, 0.0, 1.0);
      for (auto x : v) {
        uint64_t b;
        std::memcpy(&b, &x, 8);
        std::printf("%zu %.17g 0x%016" PRIx64 "\n", index++, x, b);
      }
    }
    if (st != 0) std::printf("call %d: status %d\n", a - 3, st);
    std::printf("--\n");
  }
  cu.destroy(g);
  return 0;
}
