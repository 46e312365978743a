// Philox blocks in AVX2 registers, one block per 64-bit lane: vpmuludq reads only the low
// 32 bits of each lane and yields the whole 64-bit product, so a round needs no blends and
// whatever sits in the high halves never matters. Q groups of four blocks run interleaved to
// hide multiply latency. Built with -mavx2 -mfma; only called after the CPU reported AVX2.
#include "philox_kernels.h"

#if defined(__AVX2__)
#include <immintrin.h>

#include "seed_everything/philox.h"

namespace seed_everything {
namespace philox {
namespace {

constexpr int kQuads = 3;  // best of 1-4 on a 2-core AMD EPYC (Zen) with AVX2
constexpr size_t kStep = 4 * kQuads;

struct Quad {
  __m256i a0, a1, a2, a3;
};

inline Quad Start(uint64_t q0) {
  Quad s;
  if ((q0 & 0xffff) <= 0x10000 - 4) {
    const uint64_t hi = q0 >> 16;
    s.a0 = _mm256_set1_epi64x((long long)(uint32_t)hi);
    s.a1 = _mm256_set1_epi64x((long long)(hi >> 32));
    s.a2 = _mm256_add_epi64(_mm256_set1_epi64x((long long)(q0 & 0xffff)), _mm256_setr_epi64x(0, 1, 2, 3));
  } else {
    alignas(32) uint64_t a[4], b[4], c[4];
    for (int i = 0; i < 4; ++i) {
      const uint64_t q = q0 + i, hi = q >> 16;
      a[i] = (uint32_t)hi;
      b[i] = hi >> 32;
      c[i] = q & 0xffff;
    }
    s.a0 = _mm256_load_si256((const __m256i*)a);
    s.a1 = _mm256_load_si256((const __m256i*)b);
    s.a2 = _mm256_load_si256((const __m256i*)c);
  }
  s.a3 = _mm256_setzero_si256();
  return s;
}

template <int Q>
inline void Rounds(uint64_t seed, uint64_t q0, Quad s[Q]) {
  for (int g = 0; g < Q; ++g) s[g] = Start(q0 + 4 * g);
  uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
  const __m256i m0 = _mm256_set1_epi64x(kM0), m1 = _mm256_set1_epi64x(kM1);
  for (int r = 0; r < 10; ++r) {
    const __m256i vk0 = _mm256_set1_epi64x(k0), vk1 = _mm256_set1_epi64x(k1);
    for (int g = 0; g < Q; ++g) {
      const __m256i p0 = _mm256_mul_epu32(s[g].a0, m0);
      const __m256i p1 = _mm256_mul_epu32(s[g].a2, m1);
      s[g].a0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), s[g].a1), vk0);
      s[g].a1 = p1;
      s[g].a2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), s[g].a3), vk1);
      s[g].a3 = p0;
    }
    k0 += kW0;
    k1 += kW1;
  }
}

// Words (0,1) and (2,3) of each block side by side: 32-bit lane 2i+j is word j of block i.
inline void Pack(const Quad& s, __m256i* w01, __m256i* w23) {
  *w01 = _mm256_blend_epi32(s.a0, _mm256_slli_epi64(s.a1, 32), 0xAA);
  *w23 = _mm256_blend_epi32(s.a2, _mm256_slli_epi64(s.a3, 32), 0xAA);
}

inline void Store(__m256i w01, __m256i w23, void* dst) {
  const __m256i u0 = _mm256_unpacklo_epi64(w01, w23);  // blocks 0 | 2
  const __m256i u1 = _mm256_unpackhi_epi64(w01, w23);  // blocks 1 | 3
  __m256i* out = (__m256i*)dst;
  _mm256_storeu_si256(out, _mm256_permute2x128_si256(u0, u1, 0x20));
  _mm256_storeu_si256(out + 1, _mm256_permute2x128_si256(u0, u1, 0x31));
}

// uint32 -> float rounded to nearest even, as (float)x does: both halves convert exactly and
// the one add rounds once. Then the exact scale and the rounded +2^-33, as cuRAND does. Each
// multiply is exact (by a power of two), so a fused multiply-add rounds exactly where the
// separate add would: the same bits in one instruction.
inline __m256i ToFloat(__m256i x) {
  const __m256 hi = _mm256_cvtepi32_ps(_mm256_srli_epi32(x, 16));
  const __m256 lo = _mm256_cvtepi32_ps(_mm256_and_si256(x, _mm256_set1_epi32(0xffff)));
  const __m256 f = _mm256_fmadd_ps(hi, _mm256_set1_ps(65536.0f), lo);
  const __m256 r = _mm256_fmadd_ps(f, _mm256_set1_ps(2.3283064365386963e-10f), _mm256_set1_ps(1.1641532182693481e-10f));
  return _mm256_castps_si256(r);
}

template <bool kFloat, int Q>
inline void Step(uint64_t seed, uint64_t q0, uint32_t* out) {
  Quad s[Q];
  Rounds<Q>(seed, q0, s);
  for (int g = 0; g < Q; ++g) {
    __m256i w01, w23;
    Pack(s[g], &w01, &w23);
    if (kFloat) {
      w01 = ToFloat(w01);
      w23 = ToFloat(w23);
    }
    Store(w01, w23, out + 16 * g);
  }
}

template <bool kFloat>
void Blocks(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) {
  size_t b = 0;
  for (; b + kStep <= nblocks; b += kStep) Step<kFloat, kQuads>(seed, q0 + b, out + 4 * b);
  for (; b + 4 <= nblocks; b += 4) Step<kFloat, 1>(seed, q0 + b, out + 4 * b);
  for (; b < nblocks; ++b) {
    const u32x4 r = block_at(seed, q0 + b);
    for (int l = 0; l < 4; ++l) {
      if (kFloat) {
        const float f = to_float(r.v[l]);
        __builtin_memcpy(out + 4 * b + l, &f, 4);
      } else {
        out[4 * b + l] = r.v[l];
      }
    }
  }
}

void Avx2Words(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) { Blocks<false>(seed, q0, nblocks, out); }

void Avx2Floats(uint64_t seed, uint64_t q0, size_t nblocks, float* out) {
  Blocks<true>(seed, q0, nblocks, reinterpret_cast<uint32_t*>(out));
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
