// Philox blocks in AVX2 registers, one block per 64-bit lane: vpmuludq reads only the low
// 32 bits of each lane and yields the whole 64-bit product, so a round needs no blends and
// whatever sits in the high halves never matters. Q groups of four blocks run interleaved to
// hide multiply latency. Built with native/sources.json's avx2 flags; only called after the CPU
// reported AVX2.
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

// Lanes hold blocks q0, q0 + 2, q0 + 1, q0 + 3: then the in-lane unpacks in Store give stream
// order and no lane-crossing permute is needed.
inline Quad Start(uint64_t q0) {
  Quad s;
  if ((q0 & 0xffff) <= 0x10000 - 4) {
    const uint64_t hi = q0 >> 16;
    s.a0 = _mm256_set1_epi64x((long long)(uint32_t)hi);
    s.a1 = _mm256_set1_epi64x((long long)(hi >> 32));
    s.a2 = _mm256_add_epi64(_mm256_set1_epi64x((long long)(q0 & 0xffff)), _mm256_setr_epi64x(0, 2, 1, 3));
  } else {
    alignas(32) uint64_t a[4], b[4], c[4];
    for (int i = 0; i < 4; ++i) {
      const uint64_t q = q0 + (i == 1 ? 2 : i == 2 ? 1 : i), hi = q >> 16;  // lane order above
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

// Round keys for all ten rounds, broadcast once per call; the rounds read them as memory
// operands so the twelve state registers need not share with them.
struct Keys {
  __m256i k[10][2];
  uint32_t k0, k1;  // round 0; round r adds r * (kW0, kW1)
  explicit Keys(uint64_t seed) : k0((uint32_t)seed), k1((uint32_t)(seed >> 32)) {
    uint32_t a = k0, b = k1;
    for (int r = 0; r < 10; ++r) {
      k[r][0] = _mm256_set1_epi64x(a);
      k[r][1] = _mm256_set1_epi64x(b);
      a += kW0;
      b += kW1;
    }
  }
};

alignas(32) const uint64_t kMul[2][4] = {{kM0, kM0, kM0, kM0}, {kM1, kM1, kM1, kM1}};

// One round for one quad, leaving the new words in the old registers: the caller renames them
// instead of moving. The key goes into the other word while the multiply is in flight, which
// takes one XOR off the chain that carries each round into the next. kKeyA1 false: the caller
// already folded k[0] into a1.
template <bool kKeyA1 = true>
inline void Round(__m256i& a0, __m256i& a1, __m256i& a2, __m256i& a3, const __m256i* k) {
#if defined(__GNUC__)
  // Assembly because GCC re-associates the XORs back onto that chain and, with three quads,
  // spills state to the stack; here the constants stay memory operands and nothing spills.
  if (kKeyA1) asm("vpxor %[k0], %[a1], %[a1]" : [a1] "+x"(a1) : [k0] "m"(k[0]));
  __m256i t;
  asm("vpxor %[k1], %[a3], %[a3]\n\t"
      "vpmuludq %[m0], %[a0], %[a0]\n\t"
      "vpmuludq %[m1], %[a2], %[a2]\n\t"
      "vpsrlq $32, %[a2], %[t]\n\t"
      "vpxor %[t], %[a1], %[a1]\n\t"
      "vpsrlq $32, %[a0], %[t]\n\t"
      "vpxor %[t], %[a3], %[a3]"
      : [a0] "+x"(a0), [a1] "+x"(a1), [a2] "+x"(a2), [a3] "+x"(a3), [t] "=&x"(t)
      : [k1] "m"(k[1]), [m0] "m"(*(const __m256i*)kMul[0]), [m1] "m"(*(const __m256i*)kMul[1]));
#else
  if (kKeyA1) a1 = _mm256_xor_si256(a1, k[0]);
  a3 = _mm256_xor_si256(a3, k[1]);
  a0 = _mm256_mul_epu32(a0, _mm256_load_si256((const __m256i*)kMul[0]));
  a2 = _mm256_mul_epu32(a2, _mm256_load_si256((const __m256i*)kMul[1]));
  a1 = _mm256_xor_si256(a1, _mm256_srli_epi64(a2, 32));
  a3 = _mm256_xor_si256(a3, _mm256_srli_epi64(a0, 32));
#endif
}

// Rounds 0 and 1 when all 4Q blocks lie in one row (same q >> 16): they then share counter
// words 0, 1 and 3 (which is 0), so round 0's multiply of word 0 and round 1's multiply of
// word 2 give one value for every lane. Those are done once per row, in scalar, and each quad
// pays four vector operations for both rounds instead of sixteen plus its counter setup. Word
// 1 after round 1 is shared too, so round 2's key is folded into it here.
struct Row {
  uint64_t hi = ~uint64_t(0);  // q >> 16 < 2^48: never matches before the first Set
  __m256i x0{}, x1{}, x2{}, lo1{};  // zero only to keep -Wmaybe-uninitialized quiet
  void Set(const Keys& keys, uint64_t h) {
    hi = h;
    const uint64_t p0 = (uint64_t)kM0 * (uint32_t)h;
    const uint32_t c2 = (uint32_t)(p0 >> 32) ^ keys.k1, c3 = (uint32_t)p0;  // after round 0
    const uint64_t p1 = (uint64_t)kM1 * c2;
    x0 = _mm256_set1_epi64x((uint32_t)(h >> 32) ^ keys.k0);
    x1 = _mm256_set1_epi64x((uint32_t)(p1 >> 32) ^ (uint32_t)(keys.k0 + kW0));
    x2 = _mm256_set1_epi64x(c3 ^ (uint32_t)(keys.k1 + kW1));
    lo1 = _mm256_set1_epi64x((uint32_t)p1 ^ (uint32_t)(keys.k0 + 2 * kW0));
  }
};

template <int Q>
inline void FirstRoundsInRow(const Row& row, uint64_t q0, Quad s[Q]) {
  const __m256i col = _mm256_set1_epi64x((long long)(q0 & 0xffff));
  const __m256i m0 = _mm256_load_si256((const __m256i*)kMul[0]), m1 = _mm256_load_si256((const __m256i*)kMul[1]);
  for (int g = 0; g < Q; ++g) {
    const __m256i ctr = _mm256_add_epi64(col, _mm256_setr_epi64x(4 * g, 4 * g + 2, 4 * g + 1, 4 * g + 3));
    const __m256i q1 = _mm256_mul_epu32(ctr, m1);                          // round 0
    const __m256i a0 = _mm256_xor_si256(_mm256_srli_epi64(q1, 32), row.x0);
    const __m256i q0v = _mm256_mul_epu32(a0, m0);                          // round 1
    s[g].a0 = _mm256_xor_si256(q1, row.x1);
    s[g].a1 = row.lo1;
    s[g].a2 = _mm256_xor_si256(_mm256_srli_epi64(q0v, 32), row.x2);
    s[g].a3 = q0v;
  }
}

// Rounds First .. 8; round 9 is LastRound. After FirstRoundsInRow (First 2) word 1 has its key.
template <int Q, int First>
inline void LaterRounds(const Keys& keys, Quad s[Q]) {
  // Unrolled so that renaming the words below costs no register moves.
#pragma GCC unroll 10
  for (int r = First; r < 9; ++r) {
    for (int g = 0; g < Q; ++g) {
      if (First == 2 && r == 2) Round<false>(s[g].a0, s[g].a1, s[g].a2, s[g].a3, keys.k[r]);
      else Round(s[g].a0, s[g].a1, s[g].a2, s[g].a3, keys.k[r]);
      // New (a0, a1, a2, a3) sit in the registers of old (a1, a2, a3, a0).
      const Quad n = {s[g].a1, s[g].a2, s[g].a3, s[g].a0};
      s[g] = n;
    }
  }
}

template <int Q>
inline void Rounds(const Keys& keys, Row& row, uint64_t q0, Quad s[Q]) {
  if ((q0 & 0xffff) <= 0x10000 - 4 * Q) {
    if ((q0 >> 16) != row.hi) row.Set(keys, q0 >> 16);
    FirstRoundsInRow<Q>(row, q0, s);
    LaterRounds<Q, 2>(keys, s);
  } else {
    for (int g = 0; g < Q; ++g) s[g] = Start(q0 + 4 * g);
    LaterRounds<Q, 0>(keys, s);
  }
}

// Round 9, leaving words (0,1) and (2,3) of each block side by side (32-bit lane 2i+j is word j
// of block i). Swapping the halves of a product puts its high word where the new even word
// goes and its low word where the new odd word goes, so one XOR and one blend finish a pair:
// one operation fewer than shifting, then shifting back and blending.
inline void LastRound(const Quad& s, const __m256i* k, __m256i* w01, __m256i* w23) {
  const __m256i x1 = _mm256_xor_si256(s.a1, k[0]);
  const __m256i x3 = _mm256_xor_si256(s.a3, k[1]);
  const __m256i p0 = _mm256_shuffle_epi32(_mm256_mul_epu32(s.a0, _mm256_load_si256((const __m256i*)kMul[0])), 0xB1);
  const __m256i p1 = _mm256_shuffle_epi32(_mm256_mul_epu32(s.a2, _mm256_load_si256((const __m256i*)kMul[1])), 0xB1);
  *w01 = _mm256_blend_epi32(_mm256_xor_si256(p1, x1), p1, 0xAA);
  *w23 = _mm256_blend_epi32(_mm256_xor_si256(p0, x3), p0, 0xAA);
}

inline void Store(__m256i w01, __m256i w23, void* dst) {
  __m256i* out = (__m256i*)dst;
  _mm256_storeu_si256(out, _mm256_unpacklo_epi64(w01, w23));
  _mm256_storeu_si256(out + 1, _mm256_unpackhi_epi64(w01, w23));
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
inline void Step(const Keys& keys, Row& row, uint64_t q0, uint32_t* out) {
  Quad s[Q];
  Rounds<Q>(keys, row, q0, s);
  for (int g = 0; g < Q; ++g) {
    __m256i w01, w23;
    LastRound(s[g], keys.k[9], &w01, &w23);
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
  const Keys keys(seed);
  Row row;
  for (; b + kStep <= nblocks; b += kStep) Step<kFloat, kQuads>(keys, row, q0 + b, out + 4 * b);
  for (; b + 4 <= nblocks; b += 4) Step<kFloat, 1>(keys, row, q0 + b, out + 4 * b);
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

// z = x ^ (y << 21) per 64-bit lane (below 2^53, no mask needed), converted exactly without
// AVX-512's 64-bit conversion: (2^84 + hi·2^32) − (2^84 + 2^52) + (2^52 + lo) is exact at each
// step. Then the one rounding of z · 2^-53 + 2^-54 (exact product, so fused or not agrees).
inline __m256d ToDouble(__m256i v) {
  const __m256i lo32 = _mm256_set1_epi64x(0xffffffff);
  const __m256i z = _mm256_xor_si256(_mm256_and_si256(v, lo32), _mm256_slli_epi64(_mm256_srli_epi64(v, 32), 21));
  const __m256d hi = _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(z, 32), _mm256_set1_epi64x(0x4530000000000000)));
  const __m256d lo = _mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(z, lo32), _mm256_set1_epi64x(0x4330000000000000)));
  const __m256d d = _mm256_add_pd(_mm256_sub_pd(hi, _mm256_set1_pd(19342813118337666422669312.0)), lo);  // 2^84 + 2^52
  return _mm256_fmadd_pd(d, _mm256_set1_pd(1.1102230246251565e-16), _mm256_set1_pd(5.5511151231257827e-17));
}

// Two groups per step: the low and high 128-bit halves hold one group's pair each.
void Avx2Doubles(const uint32_t* a, const uint32_t* b, size_t groups, double* out) {
  size_t g = 0;
  for (; g + 2 <= groups; g += 2) {
    const __m256d da = ToDouble(_mm256_loadu_si256((const __m256i*)(a + 4 * g)));
    const __m256d db = ToDouble(_mm256_loadu_si256((const __m256i*)(b + 4 * g)));
    _mm256_storeu_pd(out + 4 * g, _mm256_permute2f128_pd(da, db, 0x20));
    _mm256_storeu_pd(out + 4 * g + 4, _mm256_permute2f128_pd(da, db, 0x31));
  }
  kScalarKernels.doubles(a + 4 * g, b + 4 * g, groups - g, out + 4 * g);
}

const Kernels kKernels = {Avx2Words, Avx2Floats, Avx2Doubles};

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
