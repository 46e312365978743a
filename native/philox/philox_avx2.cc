// Eight Philox blocks per step in AVX2 registers (one block per 32-bit lane, structure of
// arrays), transposed back to stream order on store. Built with -mavx2 -mfma and only called
// after the CPU reported AVX2.
#include "philox_kernels.h"

#if defined(__AVX2__)
#include <immintrin.h>

#include "seed_everything/philox.h"

namespace seed_everything {
namespace philox {
namespace {

struct Lanes {
  __m256i c[4];
};

inline void MulHiLo(__m256i a, __m256i m, __m256i* lo, __m256i* hi) {
  // mul_epu32 only multiplies even lanes: do odd lanes from a shifted copy and blend.
  const __m256i even = _mm256_mul_epu32(a, m);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);
  *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  *hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

inline Lanes Rounds(uint64_t seed, uint64_t q0) {
  alignas(32) uint32_t c0[8], c1[8], c2[8];
  for (int i = 0; i < 8; ++i) {
    const uint64_t q = q0 + i, hi = q >> 16;
    c0[i] = (uint32_t)hi;
    c1[i] = (uint32_t)(hi >> 32);
    c2[i] = (uint32_t)(q & 0xffff);
  }
  __m256i x0 = _mm256_load_si256((const __m256i*)c0);
  __m256i x1 = _mm256_load_si256((const __m256i*)c1);
  __m256i x2 = _mm256_load_si256((const __m256i*)c2);
  __m256i x3 = _mm256_setzero_si256();
  uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
  const __m256i m0 = _mm256_set1_epi32((int)kM0), m1 = _mm256_set1_epi32((int)kM1);
  for (int r = 0; r < 10; ++r) {
    __m256i lo0, hi0, lo1, hi1;
    MulHiLo(x0, m0, &lo0, &hi0);
    MulHiLo(x2, m1, &lo1, &hi1);
    x0 = _mm256_xor_si256(_mm256_xor_si256(hi1, x1), _mm256_set1_epi32((int)k0));
    x1 = lo1;
    x2 = _mm256_xor_si256(_mm256_xor_si256(hi0, x3), _mm256_set1_epi32((int)k1));
    x3 = lo0;
    k0 += kW0;
    k1 += kW1;
  }
  return Lanes{{x0, x1, x2, x3}};
}

// Lane i of c[0..3] becomes block i, stored as four consecutive words.
inline void StoreTransposed(const __m256i c[4], void* dst) {
  const __m256i t0 = _mm256_unpacklo_epi32(c[0], c[1]);
  const __m256i t1 = _mm256_unpackhi_epi32(c[0], c[1]);
  const __m256i t2 = _mm256_unpacklo_epi32(c[2], c[3]);
  const __m256i t3 = _mm256_unpackhi_epi32(c[2], c[3]);
  const __m256i u0 = _mm256_unpacklo_epi64(t0, t2);
  const __m256i u1 = _mm256_unpackhi_epi64(t0, t2);
  const __m256i u2 = _mm256_unpacklo_epi64(t1, t3);
  const __m256i u3 = _mm256_unpackhi_epi64(t1, t3);
  __m256i* out = (__m256i*)dst;
  _mm256_storeu_si256(out + 0, _mm256_permute2x128_si256(u0, u1, 0x20));
  _mm256_storeu_si256(out + 1, _mm256_permute2x128_si256(u2, u3, 0x20));
  _mm256_storeu_si256(out + 2, _mm256_permute2x128_si256(u0, u1, 0x31));
  _mm256_storeu_si256(out + 3, _mm256_permute2x128_si256(u2, u3, 0x31));
}

// uint32 -> float rounded to nearest even, as (float)x does: both halves convert exactly and
// the one add rounds once. Then the exact scale and the rounded +2^-33, as cuRAND does.
inline __m256i ToFloat(__m256i x) {
  const __m256 hi = _mm256_cvtepi32_ps(_mm256_srli_epi32(x, 16));
  const __m256 lo = _mm256_cvtepi32_ps(_mm256_and_si256(x, _mm256_set1_epi32(0xffff)));
  const __m256 f = _mm256_add_ps(_mm256_mul_ps(hi, _mm256_set1_ps(65536.0f)), lo);
  const __m256 r = _mm256_add_ps(_mm256_mul_ps(f, _mm256_set1_ps(2.3283064365386963e-10f)),
                                 _mm256_set1_ps(1.1641532182693481e-10f));
  return _mm256_castps_si256(r);
}

void Avx2Words(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) {
  size_t b = 0;
  for (; b + 8 <= nblocks; b += 8) {
    const Lanes l = Rounds(seed, q0 + b);
    StoreTransposed(l.c, out + 4 * b);
  }
  kScalarKernels.words(seed, q0 + b, nblocks - b, out + 4 * b);
}

void Avx2Floats(uint64_t seed, uint64_t q0, size_t nblocks, float* out) {
  size_t b = 0;
  for (; b + 8 <= nblocks; b += 8) {
    Lanes l = Rounds(seed, q0 + b);
    for (auto& v : l.c) v = ToFloat(v);
    StoreTransposed(l.c, out + 4 * b);
  }
  kScalarKernels.floats(seed, q0 + b, nblocks - b, out + 4 * b);
}

const Kernels kKernels = {Avx2Words, Avx2Floats};

}  // namespace

const Kernels* const kAvx2Kernels = &kKernels;

}  // namespace philox
}  // namespace seed_everything

#else
namespace seed_everything {
namespace philox {
const Kernels* const kAvx2Kernels = nullptr;
}
}  // namespace seed_everything
#endif
