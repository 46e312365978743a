// Sixteen Philox blocks per step in AVX-512 registers; same structure as philox_avx2.cc.
// Built with -mavx512f -mavx512dq -mavx512vl -mavx512bw and only called after the CPU
// reported AVX-512F/DQ/VL/BW.
#include "philox_kernels.h"

#if defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__AVX512VL__) && defined(__AVX512BW__)
// GCC 12 reports its own _mm512_undefined_* helpers as maybe-uninitialized; nothing here is.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "seed_everything/philox.h"

namespace seed_everything {
namespace philox {
namespace {

struct Lanes {
  __m512i c[4];
};

inline void MulHiLo(__m512i a, __m512i m, __m512i* lo, __m512i* hi) {
  const __m512i even = _mm512_mul_epu32(a, m);
  const __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(a, 32), m);
  *lo = _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
  *hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 32), odd);
}

inline Lanes Rounds(uint64_t seed, uint64_t q0) {
  alignas(64) uint32_t c0[16], c1[16], c2[16];
  for (int i = 0; i < 16; ++i) {
    const uint64_t q = q0 + i, hi = q >> 16;
    c0[i] = (uint32_t)hi;
    c1[i] = (uint32_t)(hi >> 32);
    c2[i] = (uint32_t)(q & 0xffff);
  }
  __m512i x0 = _mm512_load_si512(c0);
  __m512i x1 = _mm512_load_si512(c1);
  __m512i x2 = _mm512_load_si512(c2);
  __m512i x3 = _mm512_setzero_si512();
  uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
  const __m512i m0 = _mm512_set1_epi32((int)kM0), m1 = _mm512_set1_epi32((int)kM1);
  for (int r = 0; r < 10; ++r) {
    __m512i lo0, hi0, lo1, hi1;
    MulHiLo(x0, m0, &lo0, &hi0);
    MulHiLo(x2, m1, &lo1, &hi1);
    x0 = _mm512_xor_si512(_mm512_xor_si512(hi1, x1), _mm512_set1_epi32((int)k0));
    x1 = lo1;
    x2 = _mm512_xor_si512(_mm512_xor_si512(hi0, x3), _mm512_set1_epi32((int)k1));
    x3 = lo0;
    k0 += kW0;
    k1 += kW1;
  }
  return Lanes{{x0, x1, x2, x3}};
}

// After the in-lane transpose u[i] holds blocks i, i+4, i+8, i+12 in its four 128-bit lanes.
inline void StoreTransposed(const __m512i c[4], void* dst) {
  const __m512i t0 = _mm512_unpacklo_epi32(c[0], c[1]);
  const __m512i t1 = _mm512_unpackhi_epi32(c[0], c[1]);
  const __m512i t2 = _mm512_unpacklo_epi32(c[2], c[3]);
  const __m512i t3 = _mm512_unpackhi_epi32(c[2], c[3]);
  const __m512i u[4] = {_mm512_unpacklo_epi64(t0, t2), _mm512_unpackhi_epi64(t0, t2),
                        _mm512_unpacklo_epi64(t1, t3), _mm512_unpackhi_epi64(t1, t3)};
  __m128i* out = (__m128i*)dst;
  for (int i = 0; i < 4; ++i) {
    _mm_storeu_si128(out + i, _mm512_castsi512_si128(u[i]));
    _mm_storeu_si128(out + 4 + i, _mm512_extracti32x4_epi32(u[i], 1));
    _mm_storeu_si128(out + 8 + i, _mm512_extracti32x4_epi32(u[i], 2));
    _mm_storeu_si128(out + 12 + i, _mm512_extracti32x4_epi32(u[i], 3));
  }
}

inline __m512i ToFloat(__m512i x) {
  const __m512 f = _mm512_cvtepu32_ps(x);  // rounds to nearest even, as (float)x does
  const __m512 r = _mm512_add_ps(_mm512_mul_ps(f, _mm512_set1_ps(2.3283064365386963e-10f)),
                                 _mm512_set1_ps(1.1641532182693481e-10f));
  return _mm512_castps_si512(r);
}

void Avx512Words(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) {
  size_t b = 0;
  for (; b + 16 <= nblocks; b += 16) {
    const Lanes l = Rounds(seed, q0 + b);
    StoreTransposed(l.c, out + 4 * b);
  }
  kScalarKernels.words(seed, q0 + b, nblocks - b, out + 4 * b);
}

void Avx512Floats(uint64_t seed, uint64_t q0, size_t nblocks, float* out) {
  size_t b = 0;
  for (; b + 16 <= nblocks; b += 16) {
    Lanes l = Rounds(seed, q0 + b);
    for (auto& v : l.c) v = ToFloat(v);
    StoreTransposed(l.c, out + 4 * b);
  }
  kScalarKernels.floats(seed, q0 + b, nblocks - b, out + 4 * b);
}

const Kernels kKernels = {Avx512Words, Avx512Floats};

}  // namespace

const Kernels* const kAvx512Kernels = &kKernels;

}  // namespace philox
}  // namespace seed_everything

#else
namespace seed_everything {
namespace philox {
const Kernels* const kAvx512Kernels = nullptr;
}
}  // namespace seed_everything
#endif
