// Block kernels, one set per instruction set. Each writes whole Philox blocks for the
// consecutive block indices q0 .. q0 + nblocks - 1 (4 outputs per block, in stream order);
// everything layout-specific stays in philox_fill.cc.
#pragma once
#include <cstddef>
#include <cstdint>

namespace seed_everything {
namespace philox {

struct Kernels {
  void (*words)(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out);
  void (*floats)(uint64_t seed, uint64_t q0, size_t nblocks, float* out);
  // The same with streaming (non-temporal) stores, for fills too big to stay in cache: they
  // skip reading each line before writing it, which matters once several threads together
  // approach the store bandwidth. Null where a set has none; then the two above serve.
  void (*words_stream)(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) = nullptr;
  void (*floats_stream)(uint64_t seed, uint64_t q0, size_t nblocks, float* out) = nullptr;
};

extern const Kernels kScalarKernels;
// Null where the compiler could not build that instruction set.
extern const Kernels* const kAvx2Kernels;
extern const Kernels* const kAvx512Kernels;

// The set ForceSimd/ActiveSimd selected (philox_dispatch.cc).
const Kernels& ActiveKernels();

}  // namespace philox
}  // namespace seed_everything
