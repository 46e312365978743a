#include "philox_kernels.h"
#include "seed_everything/philox.h"

namespace seed_everything {
namespace philox {
namespace {

void ScalarWords(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) {
  for (size_t b = 0; b < nblocks; ++b) {
    const u32x4 r = block_at(seed, q0 + b);
    for (int l = 0; l < 4; ++l) out[4 * b + l] = r.v[l];
  }
}

void ScalarFloats(uint64_t seed, uint64_t q0, size_t nblocks, float* out) {
  for (size_t b = 0; b < nblocks; ++b) {
    const u32x4 r = block_at(seed, q0 + b);
    for (int l = 0; l < 4; ++l) out[4 * b + l] = to_float(r.v[l]);
  }
}

void ScalarDoubles(const uint32_t* a, const uint32_t* b, size_t groups, double* out) {
  for (size_t g = 0; g < groups; ++g, a += 4, b += 4, out += 4) {
    out[0] = to_double(a[0], a[1]);
    out[1] = to_double(a[2], a[3]);
    out[2] = to_double(b[0], b[1]);
    out[3] = to_double(b[2], b[3]);
  }
}

}  // namespace

const Kernels kScalarKernels = {ScalarWords, ScalarFloats, ScalarDoubles};

}  // namespace philox
}  // namespace seed_everything
