// See mt19937_kernels.h. Built without floating-point contraction (binding.gyp, CMakeLists.txt):
// an fma where the reference libraries round twice would change the last bit.
#include "mt19937/mt19937_kernels.h"

#include <math.h>

#include <cmath>

namespace seed_everything {
namespace mt19937 {
namespace {

constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfu;
constexpr uint32_t kUpper = 0x80000000u;
constexpr uint32_t kLower = 0x7fffffffu;
constexpr double kTwoPow26 = 67108864.0;
constexpr double kTwoPowM53 = 1.0 / 9007199254740992.0;
constexpr float kTwoPowM24 = 1.0f / 16777216.0f;
// The same double as Python's 2.0 * math.pi.
constexpr double kTwoPi = 2.0 * 3.141592653589793238462643383279502884;

// Called through pointers the compiler cannot see through: it would otherwise merge a sin and a
// cos of the same argument into one sincos call, and CPython calls them separately.
double (*volatile const sin_fn)(double) = ::sin;
double (*volatile const cos_fn)(double) = ::cos;

inline uint32_t Temper(uint32_t y) {
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  return y ^ (y >> 18);
}

inline uint32_t Mix(uint32_t a, uint32_t b, uint32_t c) {
  uint32_t y = (a & kUpper) | (b & kLower);
  return c ^ (y >> 1) ^ ((0u - (y & 1u)) & kMatrixA);
}

// One word at a time across regenerations, for the few draws that straddle one.
struct Stream {
  uint32_t* s;
  int pos;
  uint32_t Next() {
    if (pos >= kN) {
      Twist(s);
      pos = 0;
    }
    return Temper(s[pos++]);
  }
  double NextRes53() {
    if (pos < kN - 1) {
      uint32_t a = Temper(s[pos]) >> 5;
      uint32_t b = Temper(s[pos + 1]) >> 6;
      pos += 2;
      return (a * kTwoPow26 + b) * kTwoPowM53;
    }
    uint32_t a = Next() >> 5;
    uint32_t b = Next() >> 6;
    return (a * kTwoPow26 + b) * kTwoPowM53;
  }
};

}  // namespace

void Twist(uint32_t* s) {
  int kk = 0;
  for (; kk < kN - kM; kk++) s[kk] = Mix(s[kk], s[kk + 1], s[kk + kM]);
  for (; kk < kN - 1; kk++) s[kk] = Mix(s[kk], s[kk + 1], s[kk + kM - kN]);
  s[kN - 1] = Mix(s[kN - 1], s[0], s[kM - 1]);
}

bool IsDegenerate(const uint32_t* s) {
  uint32_t bits = s[0] & kUpper;
  for (int i = 1; i < kN; i++) bits |= s[i];
  return bits == 0;
}

// One tempered word per output, consumed run by run between twists.
template <typename Out, typename Convert>
int FillWords(uint32_t* s, int pos, Out* out, size_t n, Convert convert) {
  size_t o = 0;
  while (o < n) {
    if (pos >= kN) {
      Twist(s);
      pos = 0;
    }
    size_t run = static_cast<size_t>(kN - pos);
    if (run > n - o) run = n - o;
    const uint32_t* src = s + pos;
    for (size_t i = 0; i < run; i++) out[o + i] = convert(Temper(src[i]));
    o += run;
    pos += static_cast<int>(run);
  }
  return pos;
}

int FillUint32(uint32_t* s, int pos, uint32_t* out, size_t n) {
  return FillWords(s, pos, out, n, [](uint32_t w) { return w; });
}

int FillRes53(uint32_t* s, int pos, double* out, size_t n) {
  Stream st{s, pos};
  size_t o = 0;
  while (o < n) {
    if (st.pos >= kN - 1) {
      out[o++] = st.NextRes53();
      continue;
    }
    size_t run = static_cast<size_t>((kN - st.pos) / 2);
    if (run > n - o) run = n - o;
    const uint32_t* src = s + st.pos;
    for (size_t i = 0; i < run; i++) {
      uint32_t a = Temper(src[2 * i]) >> 5;
      uint32_t b = Temper(src[2 * i + 1]) >> 6;
      out[o + i] = (a * kTwoPow26 + b) * kTwoPowM53;
    }
    o += run;
    st.pos += static_cast<int>(2 * run);
  }
  return st.pos;
}

int FillFloat24(uint32_t* s, int pos, float* out, size_t n) {
  return FillWords(s, pos, out, n, [](uint32_t w) { return static_cast<float>(static_cast<int32_t>(w & 0xffffffu)) * kTwoPowM24; });
}

double LegacyGaussFactor(double r2) { return std::sqrt(-2.0 * std::log(r2) / r2); }

int FillLegacyGauss(uint32_t* s, int pos, GaussCache* cache, double* out, size_t n, bool affine, double loc,
                    double scale) {
  Stream st{s, pos};
  for (size_t i = 0; i < n; i++) {
    double g;
    if (cache->has) {
      g = cache->value;
      cache->has = false;
      cache->value = 0.0;
    } else {
      double x1, x2, r2;
      do {
        x1 = 2.0 * st.NextRes53() - 1.0;
        x2 = 2.0 * st.NextRes53() - 1.0;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1.0 || r2 == 0.0);
      double f = LegacyGaussFactor(r2);
      cache->value = f * x1;
      cache->has = true;
      g = f * x2;
    }
    out[i] = affine ? loc + scale * g : g;
  }
  return st.pos;
}

void PyGaussPair(double u1, double u2, double* first, double* spare) {
  double x2pi = u1 * kTwoPi;
  double g2rad = std::sqrt(-2.0 * std::log(1.0 - u2));
  *first = cos_fn(x2pi) * g2rad;
  *spare = sin_fn(x2pi) * g2rad;
}

}  // namespace mt19937
}  // namespace seed_everything
