// Box–Muller as cuRAND's host generator computes it. It matches libcurand bit for bit when
// both use glibc's logf/sinf/cosf/log/sin/cos (docs/philox-stream.md); keep it out of
// -ffast-math and FMA contraction.
#pragma once
#include <cmath>
#include <cstdint>

#include "seed_everything/philox.h"

namespace seed_everything {
namespace philox {

// Words (x, y) give the pair (r·sin θ, r·cos θ), r from x, θ from y.
inline void BoxMullerFloat(uint32_t x, uint32_t y, float* first, float* second) {
  const float u = to_float(x);
  const float theta = (float)y * 0x1.921fb6p-30f + 0x1.921fb6p-31f;  // float(2π·2^-32), float(π·2^-32)
  const float r = std::sqrt(-2.0f * std::log(u));
  *first = r * std::sin(theta);
  *second = r * std::cos(theta);
}

// One whole block per pair: 53 bits from words 0,1 for the radius, words 2,3 for the angle.
inline void BoxMullerDouble(const uint32_t w[4], double* first, double* second) {
  const double u = to_double(w[0], w[1]);
  const double theta = to_double(w[2], w[3]) * 6.283185307179586;
  const double r = std::sqrt(-2.0 * std::log(u));
  *first = r * std::sin(theta);
  *second = r * std::cos(theta);
}

}  // namespace philox
}  // namespace seed_everything
