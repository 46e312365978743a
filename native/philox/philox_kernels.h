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
  // Not a block kernel but the conversion after one: groups of four cuRAND doubles, group g
  // from block a[4g..4g+3] (words 0,1 then 2,3) and then block b[4g..4g+3], as to_double.
  void (*doubles)(const uint32_t* a, const uint32_t* b, size_t groups, double* out);
};

extern const Kernels kScalarKernels;
// Null where the compiler could not build that instruction set.
extern const Kernels* const kAvx2Kernels;
extern const Kernels* const kAvx512Kernels;

// The set ForceSimd/ActiveSimd selected (philox_dispatch.cc).
const Kernels& ActiveKernels();

}  // namespace philox
}  // namespace seed_everything
