// See torch_normal.h. Built without floating-point contraction (binding.gyp, CMakeLists.txt), so
// every fusion below is an explicit std::fma and every other operation rounds on its own, as in
// the instruction sequence GCC 12 emits for torch 1.13's kernels (checked against its output:
// docs/compat.md).
#include "mt19937/torch_normal.h"

#include <math.h>

#include <cmath>
#include <cstdint>
#include <cstring>

namespace seed_everything {
namespace torch_normal {
namespace {

// 2.0f * c10::pi<double>, in double (the portable fill) and rounded to float (the AVX2 fill's
// _mm256_set1_ps of it).
constexpr double kTwoPi = 2.0 * 3.141592653589793238462643383279502884;
constexpr float kTwoPiF = static_cast<float>(kTwoPi);

// The Cephes single-precision constants of avx_mathfun (Julien Pommier's sse_mathfun port).
constexpr float kSqrtHalf = 0.707106781186547524f;
constexpr float kLogP[9] = {7.0376836292E-2f,  -1.1514610310E-1f, 1.1676998740E-1f,
                            -1.2420140846E-1f, +1.4249322787E-1f, -1.6668057665E-1f,
                            +2.0000714765E-1f, -2.4999993993E-1f, +3.3333331174E-1f};
constexpr float kLogQ1 = -2.12194440e-4f;
constexpr float kLogQ2 = 0.693359375f;
constexpr float kMinusDp1 = -0.78515625f;
constexpr float kMinusDp2 = -2.4187564849853515625e-4f;
constexpr float kMinusDp3 = -3.77489497744594108e-8f;
constexpr float kSinP0 = -1.9515295891E-4f;
constexpr float kSinP1 = 8.3321608736E-3f;
constexpr float kSinP2 = -1.6666654611E-1f;
constexpr float kCosP0 = 2.443315711809948E-005f;
constexpr float kCosP1 = -1.388731625493765E-003f;
constexpr float kCosP2 = 4.166664568298827E-002f;
constexpr float kFourOverPi = 1.27323954473516f;
constexpr uint32_t kSign = 0x80000000u;
constexpr uint32_t kExponent = 0x7f800000u;
constexpr uint32_t kMinNormal = 0x00800000u;

inline uint32_t Bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

inline float Float(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// vcvttps2dq: truncation, and 0x80000000 for anything out of int32's range or NaN.
inline int32_t TruncateToInt(float f) {
  if (!(f > -2147483904.0f && f < 2147483648.0f)) return INT32_MIN;
  return static_cast<int32_t>(f);
}

// One lane of log256_ps. Fused as compiled: the nine-term polynomial's multiply-adds,
// y * z + e * q1, y - z / 2 and x + e * q2.
float VectorLog(float in) {
  const bool invalid = in <= 0.0f;  // _CMP_LE_OS: false for NaN
  const float min = Float(kMinNormal);
  float x = in > min ? in : min;  // vmaxps(x, min): min when x is NaN
  const int32_t exponent = static_cast<int32_t>(Bits(x) >> 23) - 0x7f;
  x = Float((Bits(x) & ~kExponent) | Bits(0.5f));
  float e = static_cast<float>(exponent) + 1.0f;
  const bool below = x < kSqrtHalf;
  const float keep = below ? x : 0.0f;
  x = x - 1.0f;
  e = e - (below ? 1.0f : 0.0f);
  const float eq1 = e * kLogQ1;
  x = x + keep;
  const float z = x * x;
  float y = std::fma(x, kLogP[0], kLogP[1]);
  for (int i = 2; i < 9; ++i) y = std::fma(y, x, kLogP[i]);
  y = y * x;
  y = std::fma(y, z, eq1);
  y = std::fma(-z, 0.5f, y);
  x = x + y;
  x = std::fma(e, kLogQ2, x);
  return invalid ? Float(0xffffffffu) : x;
}

// One lane of sincos256_ps. Fused as compiled: the three-step argument reduction, both
// polynomials' multiply-adds, y * z - z / 2 and x * (y2 * z) + x.
void VectorSinCos(float in, float* sin_out, float* cos_out) {
  uint32_t sin_sign = Bits(in) & kSign;
  float x = Float(Bits(in) & ~kSign);
  const int32_t j = static_cast<int32_t>((static_cast<uint32_t>(TruncateToInt(x * kFourOverPi)) + 1u) & ~1u);
  const float y = static_cast<float>(j);
  sin_sign ^= (static_cast<uint32_t>(j) & 4u) << 29;
  const bool first_poly_for_sin = (static_cast<uint32_t>(j) & 2u) != 0u;
  const uint32_t cos_sign = (~(static_cast<uint32_t>(j) - 2u) & 4u) << 29;
  x = std::fma(y, kMinusDp1, x);
  x = std::fma(y, kMinusDp2, x);
  x = std::fma(y, kMinusDp3, x);
  const float z = x * x;
  float c = std::fma(z, kCosP0, kCosP1);
  c = std::fma(c, z, kCosP2);
  const float half_z = z * 0.5f;
  c = c * z;
  c = std::fma(c, z, -half_z);
  c = c + 1.0f;
  float s = std::fma(z, kSinP0, kSinP1);
  s = std::fma(s, z, kSinP2);
  s = std::fma(x, z * s, x);
  // The blend of the two polynomials, with its additions of +0 kept (they turn -0 into +0).
  const float sin_from_s = first_poly_for_sin ? 0.0f : s;
  const float sin_from_c = first_poly_for_sin ? c : 0.0f;
  const float sin_abs = sin_from_c + sin_from_s;
  const float cos_abs = (s - sin_from_s) + (c - sin_from_c);
  *sin_out = Float(Bits(sin_abs) ^ sin_sign);
  *cos_out = Float(Bits(cos_abs) ^ cos_sign);
}

void Portable16(float* d, float mean, float std) {
  for (int j = 0; j < 8; ++j) {
    const float u1 = 1.0f - d[j];
    const float u2 = d[j + 8];
    const float radius = std::sqrt(-2.0f * ::logf(u1));
    const float theta = static_cast<float>(kTwoPi * static_cast<double>(u2));
    d[j] = radius * ::cosf(theta) * std + mean;
    d[j + 8] = radius * ::sinf(theta) * std + mean;
  }
}

void Vectorised16(float* d, float mean, float std) {
  float radius[8];
  float theta[8];
  for (int j = 0; j < 8; ++j) {
    radius[j] = std::sqrt(VectorLog(1.0f - d[j]) * -2.0f);
    theta[j] = kTwoPiF * d[j + 8];
  }
  for (int j = 0; j < 8; ++j) {
    float s;
    float c;
    VectorSinCos(theta[j], &s, &c);
    d[j] = std::fma(radius[j] * c, std, mean);
    d[j + 8] = std::fma(radius[j] * s, std, mean);
  }
}

}  // namespace

void Fill16(float* data, size_t blocks, bool vectorised, float mean, float std) {
  for (size_t b = 0; b < blocks; ++b) {
    if (vectorised) {
      Vectorised16(data + 16 * b, mean, std);
    } else {
      Portable16(data + 16 * b, mean, std);
    }
  }
}

void Pair(double u1, double u2, double* first, double* spare) {
  const double r = std::sqrt(-2.0 * std::log(1.0 - u2));
  const double theta = kTwoPi * u1;
  *first = r * std::cos(theta);
  *spare = r * std::sin(theta);
}

double Affine(double x, double std, double mean, bool fused) { return fused ? std::fma(x, std, mean) : x * std + mean; }

}  // namespace torch_normal
}  // namespace seed_everything
