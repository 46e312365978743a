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

// Counters for blocks q0 .. q0 + 7; the common case stays inside one 65536-block row.
inline void Counters(uint64_t q0, __m256i* c0, __m256i* c1, __m256i* c2) {
  if ((q0 & 0xffff) <= 0x10000 - 8) {
    const uint64_t hi = q0 >> 16;
    *c0 = _mm256_set1_epi32((int)(uint32_t)hi);
    *c1 = _mm256_set1_epi32((int)(uint32_t)(hi >> 32));
    *c2 = _mm256_add_epi32(_mm256_set1_epi32((int)(q0 & 0xffff)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    return;
  }
  alignas(32) uint32_t a[8], b[8], c[8];
  for (int i = 0; i < 8; ++i) {
    const uint64_t q = q0 + i, hi = q >> 16;
    a[i] = (uint32_t)hi;
    b[i] = (uint32_t)(hi >> 32);
    c[i] = (uint32_t)(q & 0xffff);
  }
  *c0 = _mm256_load_si256((const __m256i*)a);
  *c1 = _mm256_load_si256((const __m256i*)b);
  *c2 = _mm256_load_si256((const __m256i*)c);
}

// N independent groups of eight blocks interleaved, so multiplies of one group overlap the
// latency of the other.
template <int N>
inline void Rounds(uint64_t seed, uint64_t q0, Lanes out[N]) {
  __m256i x0[N], x1[N], x2[N], x3[N];
  for (int g = 0; g < N; ++g) {
    Counters(q0 + 8 * g, &x0[g], &x1[g], &x2[g]);
    x3[g] = _mm256_setzero_si256();
  }
  uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
  const __m256i m0 = _mm256_set1_epi32((int)kM0), m1 = _mm256_set1_epi32((int)kM1);
  for (int r = 0; r < 10; ++r) {
    const __m256i vk0 = _mm256_set1_epi32((int)k0), vk1 = _mm256_set1_epi32((int)k1);
    for (int g = 0; g < N; ++g) {
      __m256i lo0, hi0, lo1, hi1;
      MulHiLo(x0[g], m0, &lo0, &hi0);
      MulHiLo(x2[g], m1, &lo1, &hi1);
      x0[g] = _mm256_xor_si256(_mm256_xor_si256(hi1, x1[g]), vk0);
      x1[g] = lo1;
      x2[g] = _mm256_xor_si256(_mm256_xor_si256(hi0, x3[g]), vk1);
      x3[g] = lo0;
    }
    k0 += kW0;
    k1 += kW1;
  }
  for (int g = 0; g < N; ++g) out[g] = Lanes{{x0[g], x1[g], x2[g], x3[g]}};
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

constexpr int kGroups = 1;
constexpr size_t kStep = 8 * kGroups;

void Avx2Words(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) {
  size_t b = 0;
  for (; b + kStep <= nblocks; b += kStep) {
    Lanes l[kGroups];
    Rounds<kGroups>(seed, q0 + b, l);
    for (int g = 0; g < kGroups; ++g) StoreTransposed(l[g].c, out + 4 * (b + 8 * g));
  }
  for (; b + 8 <= nblocks; b += 8) {
    Lanes l[1];
    Rounds<1>(seed, q0 + b, l);
    StoreTransposed(l[0].c, out + 4 * b);
  }
  kScalarKernels.words(seed, q0 + b, nblocks - b, out + 4 * b);
}

void Avx2Floats(uint64_t seed, uint64_t q0, size_t nblocks, float* out) {
  size_t b = 0;
  for (; b + kStep <= nblocks; b += kStep) {
    Lanes l[kGroups];
    Rounds<kGroups>(seed, q0 + b, l);
    for (int g = 0; g < kGroups; ++g) {
      for (auto& v : l[g].c) v = ToFloat(v);
      StoreTransposed(l[g].c, out + 4 * (b + 8 * g));
    }
  }
  for (; b + 8 <= nblocks; b += 8) {
    Lanes l[1];
    Rounds<1>(seed, q0 + b, l);
    for (auto& v : l[0].c) v = ToFloat(v);
    StoreTransposed(l[0].c, out + 4 * b);
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
