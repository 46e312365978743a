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

}  // namespace

const Kernels kScalarKernels = {ScalarWords, ScalarFloats};

}  // namespace philox
}  // namespace seed_everything
