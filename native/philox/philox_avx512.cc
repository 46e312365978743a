// Philox blocks in AVX-512 registers, laid out as in philox_avx2.cc (one block per 64-bit lane,
// rounds 0-1 shared per row, lanes ordered so that in-lane unpacks give stream order). What
// AVX-512 adds: vpternlogd folds the round key and the shifted product into one three-way XOR
// (six operations per round and register instead of eight), a merge-masked vpternlogd finishes
// the last round without a blend, vcvtudq2ps converts uint32 -> float in one rounding, and 32
// registers hold more groups without spilling. Built with native/sources.json's avx512 flags;
// only called after the CPU reported AVX-512F/DQ/VL/BW and FMA.
#include "philox_kernels.h"

#if defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__AVX512VL__) && defined(__AVX512BW__) && defined(__FMA__)
// GCC 12 reports its own _mm512_undefined_* helpers as maybe-uninitialized; nothing here is.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include "seed_everything/philox.h"

namespace seed_everything {
namespace philox {
namespace {

// 512-bit registers: eight blocks each (on Zen 4 each operation issues as two 256-bit halves).
struct Zmm {
  using V = __m512i;
  static constexpr int kBlocks = 8;
  static V Set1(uint64_t x) { return _mm512_set1_epi64((long long)x); }
  // 128-bit lane i holds blocks i and i + 4: unpacklo gives blocks 0-3, unpackhi 4-7.
  static constexpr uint64_t kOrder[8] = {0, 4, 1, 5, 2, 6, 3, 7};
  static V Order() { return _mm512_setr_epi64(0, 4, 1, 5, 2, 6, 3, 7); }
  static V Load(const uint64_t* p) { return _mm512_load_si512((const V*)p); }
  static V Add(V a, V b) { return _mm512_add_epi64(a, b); }
  static V Mul(V a, V b) { return _mm512_mul_epu32(a, b); }
  static V Hi(V a) { return _mm512_srli_epi64(a, 32); }
  static V Swap(V a) { return _mm512_shuffle_epi32(a, _MM_PERM_CDAB); }
  static V Xor(V a, V b) { return _mm512_xor_si512(a, b); }
  static V Xor3(V a, V b, V c) { return _mm512_ternarylogic_epi64(a, b, c, 0x96); }
  static V Xor3Even(V a, V b, V c) { return _mm512_mask_ternarylogic_epi32(a, 0x5555, b, c, 0x96); }
  static V Lo64(V a, V b) { return _mm512_unpacklo_epi64(a, b); }
  static V Hi64(V a, V b) { return _mm512_unpackhi_epi64(a, b); }
  static V ToFloat(V x) {
    const __m512 f = _mm512_cvtepu32_ps(x);
    return _mm512_castps_si512(_mm512_fmadd_ps(f, _mm512_set1_ps(2.3283064365386963e-10f), _mm512_set1_ps(1.1641532182693481e-10f)));
  }
  static void Store(uint32_t* p, V v) { _mm512_storeu_si512(p, v); }
};

template <typename W>
struct Keys {
  using V = typename W::V;
  V k[10][2];
  uint32_t k0, k1;
  explicit Keys(uint64_t seed) : k0((uint32_t)seed), k1((uint32_t)(seed >> 32)) {
    uint32_t a = k0, b = k1;
    for (int r = 0; r < 10; ++r) {
      k[r][0] = W::Set1(a);
      k[r][1] = W::Set1(b);
      a += kW0;
      b += kW1;
    }
  }
};

template <typename W>
struct State {
  typename W::V a0, a1, a2, a3;
};

// Counter words for blocks q0 + Order() when they may span two rows.
template <typename W>
State<W> Start(uint64_t q0) {
  alignas(64) uint64_t a[W::kBlocks], b[W::kBlocks], c[W::kBlocks];
  for (int i = 0; i < W::kBlocks; ++i) {
    const uint64_t q = q0 + W::kOrder[i], hi = q >> 16;
    a[i] = (uint32_t)hi;
    b[i] = hi >> 32;
    c[i] = q & 0xffff;
  }
  return State<W>{W::Load(a), W::Load(b), W::Load(c), W::Set1(0)};
}

// Shared words of rounds 0 and 1 for one row (see philox_avx2.cc's Row). Round 2's key is not
// folded into word 1 here: the three-way XOR takes it at no cost.
template <typename W>
struct Row {
  using V = typename W::V;
  uint64_t hi = ~uint64_t(0);
  V x0{}, x1{}, x2{}, lo1{};
  void Set(const Keys<W>& keys, uint64_t h) {
    hi = h;
    const uint64_t p0 = (uint64_t)kM0 * (uint32_t)h;
    const uint32_t c2 = (uint32_t)(p0 >> 32) ^ keys.k1, c3 = (uint32_t)p0;
    const uint64_t p1 = (uint64_t)kM1 * c2;
    x0 = W::Set1((uint32_t)(h >> 32) ^ keys.k0);
    x1 = W::Set1((uint32_t)(p1 >> 32) ^ (uint32_t)(keys.k0 + kW0));
    x2 = W::Set1(c3 ^ (uint32_t)(keys.k1 + kW1));
    lo1 = W::Set1((uint32_t)p1);
  }
};

// One round: new (a0, a1, a2, a3) = (hi(M1·a2) ^ a1 ^ k0, lo(M1·a2), hi(M0·a0) ^ a3 ^ k1,
// lo(M0·a0)); high halves of the lanes carry garbage that vpmuludq never reads.
template <typename W>
inline void Round(State<W>& s, const typename W::V* k, typename W::V m0, typename W::V m1) {
  const auto p0 = W::Mul(s.a0, m0), p1 = W::Mul(s.a2, m1);
  s.a0 = W::Xor3(W::Hi(p1), s.a1, k[0]);
  s.a2 = W::Xor3(W::Hi(p0), s.a3, k[1]);
  s.a1 = p1;
  s.a3 = p0;
}

// Rounds First .. 8, unrolled so that renaming the words costs no register moves.
template <typename W, int Q, int First>
inline void LaterRounds(const Keys<W>& keys, State<W> s[Q]) {
  const auto m0 = W::Set1(kM0), m1 = W::Set1(kM1);
#pragma GCC unroll 10
  for (int r = First; r < 9; ++r)
    for (int g = 0; g < Q; ++g) Round<W>(s[g], keys.k[r], m0, m1);
}

template <typename W, int Q>
inline void Rounds(const Keys<W>& keys, Row<W>& row, uint64_t q0, State<W> s[Q]) {
  using V = typename W::V;
  if ((q0 & 0xffff) > 0x10000 - (uint64_t)(W::kBlocks * Q)) {
    for (int g = 0; g < Q; ++g) s[g] = Start<W>(q0 + (uint64_t)(W::kBlocks * g));
    LaterRounds<W, Q, 0>(keys, s);
    return;
  }
  if ((q0 >> 16) != row.hi) row.Set(keys, q0 >> 16);
  const V m0 = W::Set1(kM0), m1 = W::Set1(kM1);
  const V col = W::Add(W::Set1(q0 & 0xffff), W::Order());
  for (int g = 0; g < Q; ++g) {
    const V ctr = W::Add(col, W::Set1((uint64_t)(W::kBlocks * g)));
    const V p1 = W::Mul(ctr, m1);                        // round 0
    const V p0 = W::Mul(W::Xor(W::Hi(p1), row.x0), m0);  // round 1
    s[g].a0 = W::Xor(p1, row.x1);
    s[g].a1 = row.lo1;
    s[g].a2 = W::Xor(W::Hi(p0), row.x2);
    s[g].a3 = p0;
  }
  LaterRounds<W, Q, 2>(keys, s);
}

// Round 9 and the store: after swapping the halves of each product, even 32-bit lanes hold
// hi(p) (to be XORed with the word and key) and odd lanes lo(p), so one merge-masked
// three-way XOR gives words (0, 1) and one gives words (2, 3) of every block.
template <typename W, bool kFloat>
inline void Finish(const State<W>& s, const typename W::V* k, typename W::V m0, typename W::V m1, uint32_t* out) {
  auto w01 = W::Xor3Even(W::Swap(W::Mul(s.a2, m1)), s.a1, k[0]);
  auto w23 = W::Xor3Even(W::Swap(W::Mul(s.a0, m0)), s.a3, k[1]);
  if (kFloat) {
    w01 = W::ToFloat(w01);
    w23 = W::ToFloat(w23);
  }
  W::Store(out, W::Lo64(w01, w23));
  W::Store(out + 2 * W::kBlocks, W::Hi64(w01, w23));
}

template <typename W, int Q, bool kFloat>
inline void Step(const Keys<W>& keys, Row<W>& row, uint64_t q0, uint32_t* out) {
  State<W> s[Q];
  Rounds<W, Q>(keys, row, q0, s);
  const auto m0 = W::Set1(kM0), m1 = W::Set1(kM1);
  for (int g = 0; g < Q; ++g) Finish<W, kFloat>(s[g], keys.k[9], m0, m1, out + 4 * W::kBlocks * g);
}

template <bool kFloat>
void Tail(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) {
  if (kFloat)
    kScalarKernels.floats(seed, q0, nblocks, reinterpret_cast<float*>(out));
  else
    kScalarKernels.words(seed, q0, nblocks, out);
}

// The last groups of a call, still interleaved: one group alone waits on every multiply,
// and fills whose size is no multiple of a step (the 512-block chunks of doubles and normals)
// pay for it on every chunk.
template <typename W, int Q, bool kFloat>
inline void Rest(const Keys<W>& keys, Row<W>& row, uint64_t q0, size_t groups, uint32_t* out) {
  if constexpr (Q > 0) {
    if (groups == Q) Step<W, Q, kFloat>(keys, row, q0, out);
    else Rest<W, Q - 1, kFloat>(keys, row, q0, groups, out);
  }
}

template <typename W, int Q, bool kFloat>
void Blocks(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) {
  constexpr size_t kStep = (size_t)W::kBlocks * Q;
  const Keys<W> keys(seed);
  Row<W> row;
  size_t b = 0;
  for (; b + kStep <= nblocks; b += kStep) Step<W, Q, kFloat>(keys, row, q0 + b, out + 4 * b);
  const size_t rest = (nblocks - b) / W::kBlocks;
  Rest<W, Q - 1, kFloat>(keys, row, q0 + b, rest, out + 4 * b);
  b += rest * W::kBlocks;
  Tail<kFloat>(seed, q0 + b, nblocks - b, out + 4 * b);
}

// Each 64-bit lane holds words (x, y) of one double: z = x ^ (y << 21) needs no mask (it is
// below 2^53 already), converts exactly, and the fused multiply-add rounds once as
// z · 2^-53 + 2^-54 does (the product is exact).
inline __m512d ToDouble(__m512i v) {
  const __m512i z = _mm512_ternarylogic_epi64(v, _mm512_slli_epi64(_mm512_srli_epi64(v, 32), 21), _mm512_set1_epi64(0xffffffff), 0x6c);
  return _mm512_fmadd_pd(_mm512_cvtepu64_pd(z), _mm512_set1_pd(1.1102230246251565e-16), _mm512_set1_pd(5.5511151231257827e-17));
}

// Four groups per step: 128-bit lane i of the converted a and b rows holds group i's first and
// second pair; two permutes interleave them.
void Doubles(const uint32_t* a, const uint32_t* b, size_t groups, double* out) {
  const __m512i lo = _mm512_setr_epi64(0, 1, 8, 9, 2, 3, 10, 11), hi = _mm512_setr_epi64(4, 5, 12, 13, 6, 7, 14, 15);
  size_t g = 0;
  for (; g + 4 <= groups; g += 4) {
    const __m512d da = ToDouble(_mm512_loadu_si512(a + 4 * g)), db = ToDouble(_mm512_loadu_si512(b + 4 * g));
    _mm512_storeu_pd(out + 4 * g, _mm512_permutex2var_pd(da, lo, db));
    _mm512_storeu_pd(out + 4 * g + 8, _mm512_permutex2var_pd(da, hi, db));
  }
  kScalarKernels.doubles(a + 4 * g, b + 4 * g, groups - g, out + 4 * g);
}

template <typename W, int Q>
void Words(uint64_t seed, uint64_t q0, size_t nblocks, uint32_t* out) {
  Blocks<W, Q, false>(seed, q0, nblocks, out);
}
template <typename W, int Q>
void Floats(uint64_t seed, uint64_t q0, size_t nblocks, float* out) {
  Blocks<W, Q, true>(seed, q0, nblocks, reinterpret_cast<uint32_t*>(out));
}

// 512-bit registers, six groups: the fastest of 256-bit registers (AVX-512VL) with three to six
// groups and 512-bit ones with two to seven, on a 2-core AMD EPYC (Zen 4), cache-resident and on
// 2^26 elements (tools/philox-kernels/bench.cc; docs/philox-stream.md). Seven groups spill.
const Kernels kKernels = {Words<Zmm, 6>, Floats<Zmm, 6>, Doubles};

}  // namespace

const Kernels* const kAvx512Kernels = &kKernels;

#if defined(SE_PHILOX_VARIANTS)
// For tools/philox-kernels/bench.cc only: the group counts around the one in use.
extern const Kernels kVariants[];
extern const char* const kVariantNames[];
extern const int kVariantCount;
const char* const kVariantNames[] = {"zmm x4", "zmm x5", "zmm x7"};
const int kVariantCount = 3;
// Zmm::ToFloat on any words (n a multiple of 16), to check it against to_float on all 2^32.
void ToFloats(const uint32_t* in, size_t n, float* out) {
  for (size_t i = 0; i < n; i += 16) _mm512_storeu_si512(out + i, Zmm::ToFloat(_mm512_loadu_si512(in + i)));
}
const Kernels kVariants[] = {
    {Words<Zmm, 4>, Floats<Zmm, 4>, Doubles}, {Words<Zmm, 5>, Floats<Zmm, 5>, Doubles}, {Words<Zmm, 7>, Floats<Zmm, 7>, Doubles}};
#endif

}  // namespace philox
}  // namespace seed_everything

#else
namespace seed_everything {
namespace philox {
const Kernels* const kAvx512Kernels = nullptr;
}
}  // namespace seed_everything
#endif
