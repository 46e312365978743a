// Math.random's refill: Philox words turned into CPython/numpy 53-bit doubles in place.
#include <cstdint>
#include <cstring>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "philox_engine.h"

namespace seed_everything {
namespace philox {

// Turns the words of `bytes` (a multiple of 8) into res53 doubles in place: double k occupies
// exactly the bytes of words 2k and 2k + 1. Every step is exact (the sum is below 2^53), so the
// vector and scalar forms give the same bits. Per draw of a 4096-double refill on the 2-core EPYC
// (measured back to back): words 1.15–1.19 ns, the conversion 0.79 ns scalar, 0.41 SSE2, 0.23 AVX2.
#if defined(__x86_64__) && defined(__GNUC__)
// Four doubles a step where the CPU has AVX2 (the addon's baseline is SSE2); returns the bytes done.
namespace {
__attribute__((target("avx2"))) size_t WordsToRes53Avx2(uint8_t* memory, size_t bytes) {
  const __m256d scale = _mm256_set1_pd(67108864.0), unit = _mm256_set1_pd(1.0 / 9007199254740992.0);
  const __m256i even = _mm256_setr_epi32(0, 2, 4, 6, 0, 0, 0, 0), odd = _mm256_setr_epi32(1, 3, 5, 7, 0, 0, 0, 0);
  size_t at = 0;
  for (; at + 32 <= bytes; at += 32) {
    const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(memory + at));
    const __m128i hi = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_srli_epi32(w, 5), even));
    const __m128i lo = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_srli_epi32(w, 6), odd));
    const __m256d d = _mm256_mul_pd(_mm256_add_pd(_mm256_mul_pd(_mm256_cvtepi32_pd(hi), scale), _mm256_cvtepi32_pd(lo)), unit);
    _mm256_storeu_pd(reinterpret_cast<double*>(memory + at), d);
  }
  return at;
}
}  // namespace
#endif

void WordsToRes53(uint8_t* memory, size_t bytes) {
  size_t at = 0;
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool avx2 = SimdSupported(Simd::kAvx2);
  if (avx2) at = WordsToRes53Avx2(memory, bytes);
#endif
#if defined(__x86_64__)
  const __m128d scale = _mm_set1_pd(67108864.0), unit = _mm_set1_pd(1.0 / 9007199254740992.0);
  for (; at + 16 <= bytes; at += 16) {
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(memory + at));
    // Lanes 0 and 2 give the high parts (>> 5), lanes 1 and 3 the low parts (>> 6).
    const __m128i hi = _mm_shuffle_epi32(_mm_srli_epi32(w, 5), _MM_SHUFFLE(3, 1, 2, 0));
    const __m128i lo = _mm_shuffle_epi32(_mm_srli_epi32(w, 6), _MM_SHUFFLE(2, 0, 3, 1));
    const __m128d d = _mm_mul_pd(_mm_add_pd(_mm_mul_pd(_mm_cvtepi32_pd(hi), scale), _mm_cvtepi32_pd(lo)), unit);
    _mm_storeu_pd(reinterpret_cast<double*>(memory + at), d);
  }
#endif
  for (; at + 8 <= bytes; at += 8) {
    uint32_t w[2];
    std::memcpy(w, memory + at, 8);
    const double d = (static_cast<double>(w[0] >> 5) * 67108864.0 + static_cast<double>(w[1] >> 6)) * (1.0 / 9007199254740992.0);
    std::memcpy(memory + at, &d, 8);
  }
}

}  // namespace philox
}  // namespace seed_everything
