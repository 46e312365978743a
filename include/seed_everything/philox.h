// Philox4x32-10 exactly as cuRAND's PHILOX4_32_10 generator lays it out (legacy ordering), so a
// CPU fill, a CUDA kernel and libcurand all agree bit for bit. Header-only, no STL: usable from
// device code and from other addons without linking this package.
//
// Stream contract: 32-bit output n (counted after the generator's offset) is lane n % 4 of the
// block for key = (seed lo32, seed hi32) and counter = (q >> 16 as 64 bits, q & 0xffff as 64
// bits), q = n / 4. The split of q mirrors cuRAND's 65536 subsequences per host launch.
#ifndef SEED_EVERYTHING_PHILOX_H
#define SEED_EVERYTHING_PHILOX_H

#include <stdint.h>

#if defined(__CUDACC__)
#define SE_PHILOX_FN __host__ __device__ __forceinline__
#else
#define SE_PHILOX_FN inline
#endif

namespace seed_everything {
namespace philox {

struct u32x4 {
  uint32_t v[4];
};

constexpr uint32_t kM0 = 0xD2511F53u;
constexpr uint32_t kM1 = 0xCD9E8D57u;
constexpr uint32_t kW0 = 0x9E3779B9u;
constexpr uint32_t kW1 = 0xBB67AE85u;

SE_PHILOX_FN u32x4 block(const uint32_t counter[4], const uint32_t key[2]) {
  uint32_t c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3];
  uint32_t k0 = key[0], k1 = key[1];
  for (int r = 0; r < 10; ++r) {
    const uint64_t p0 = (uint64_t)kM0 * c0;
    const uint64_t p1 = (uint64_t)kM1 * c2;
    const uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
    const uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
    c0 = n0;
    c1 = (uint32_t)p1;
    c2 = n2;
    c3 = (uint32_t)p0;
    k0 += kW0;
    k1 += kW1;
  }
  u32x4 out = {{c0, c1, c2, c3}};
  return out;
}

SE_PHILOX_FN void counter_for(uint64_t q, uint32_t counter[4]) {
  const uint64_t hi = q >> 16, lo = q & 0xffffu;
  counter[0] = (uint32_t)hi;
  counter[1] = (uint32_t)(hi >> 32);
  counter[2] = (uint32_t)lo;
  counter[3] = 0;
}

SE_PHILOX_FN void key_for(uint64_t seed, uint32_t key[2]) {
  key[0] = (uint32_t)seed;
  key[1] = (uint32_t)(seed >> 32);
}

// The four outputs 4q .. 4q+3 of the stream for `seed`.
SE_PHILOX_FN u32x4 block_at(uint64_t seed, uint64_t q) {
  uint32_t c[4], k[2];
  counter_for(q, c);
  key_for(seed, k);
  return block(c, k);
}

// Output n of the stream, where n already includes the generator's offset.
SE_PHILOX_FN uint32_t element(uint64_t seed, uint64_t n) {
  return block_at(seed, n >> 2).v[n & 3];
}

SE_PHILOX_FN uint32_t element_at(uint64_t seed, uint64_t offset, uint64_t i) {
  return element(seed, offset + i);
}

// Outputs offset + 4i .. offset + 4i + 3, the natural unit for one kernel thread. Reservations
// (philox_reserve in api.h) always start at a multiple of 4, which makes this one block; any
// other offset straddles two.
SE_PHILOX_FN u32x4 block_from(uint64_t seed, uint64_t offset, uint64_t i) {
  const uint64_t n = offset + 4 * i;
  const u32x4 a = block_at(seed, n >> 2);
  const unsigned shift = (unsigned)(n & 3);
  if (shift == 0) return a;
  const u32x4 b = block_at(seed, (n >> 2) + 1);
  u32x4 out;
  for (unsigned j = 0; j < 4; ++j) out.v[j] = j + shift < 4 ? a.v[j + shift] : b.v[j + shift - 4];
  return out;
}

// cuRAND converts to float in float arithmetic: the int->float cast rounds once and the add
// rounds again, which a single exact rounding would not reproduce.
SE_PHILOX_FN float to_float(uint32_t x) {
  return (float)x * 2.3283064365386963e-10f + 1.1641532182693481e-10f;
}

// 53 bits from two words of one block; the +2^-54 keeps results inside (0, 1).
SE_PHILOX_FN double to_double(uint32_t x, uint32_t y) {
  const uint64_t z = ((uint64_t)x ^ ((uint64_t)y << 21)) & ((1ull << 53) - 1);
  return (double)z * 1.1102230246251565e-16 + 5.5511151231257827e-17;
}

}  // namespace philox
}  // namespace seed_everything

#endif
