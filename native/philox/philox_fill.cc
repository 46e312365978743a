// Maps each output kind onto Philox blocks (layouts in docs/philox-stream.md) for any offset
// and count, and splits large fills over threads. Every element depends only on (seed, its
// index), so threads need no shared state and any split gives the same bits.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "philox_engine.h"
#include "philox_kernels.h"
#include "philox_normal.h"
#include "philox_pool.h"

namespace seed_everything {
namespace philox {
namespace {

// Blocks per batch where words pass through a buffer (doubles, normals): 1.5 KiB, so that the
// output of one batch drains to memory while the next is generated. With 512 (8 KiB) a
// single-thread 2^26 double fill ran at 0.4 of std::fill, with 96 at 0.65-0.75 (2-core EPYC).
constexpr size_t kChunkBlocks = 96;

// 32-bit output n of the stream; n may lie past 2^64 (its block index still fits 64 bits).
uint32_t Word(uint64_t seed, Position n) { return block_at(seed, uint64_t(n >> 2)).v[unsigned(n & 3)]; }

// Elements [n0, n0 + count) of the 32-bit stream, through a kernel for whole blocks.
template <typename T, typename Conv, typename Bulk>
void Linear(uint64_t seed, Position n0, size_t count, T* out, Conv conv, Bulk bulk) {
  size_t i = 0;
  for (; i < count && ((n0 + i) & 3) != 0; ++i) out[i] = conv(Word(seed, n0 + i));
  const size_t blocks = (count - i) / 4;
  if (blocks) bulk(seed, uint64_t((n0 + i) >> 2), blocks, out + i);
  for (i += 4 * blocks; i < count; ++i) out[i] = conv(Word(seed, n0 + i));
}

void Words(uint64_t seed, Position n0, size_t count, uint32_t* out) {
  Linear(seed, n0, count, out, [](uint32_t x) { return x; }, ActiveKernels().words);
}

// Float normals: normal k is one half of the Box–Muller pair k / 2, made from 32-bit words
// 2·(k/2) and 2·(k/2) + 1.
template <typename Emit>
void NormalFloatPairs(uint64_t seed, Position k0, size_t count, Emit emit) {
  uint32_t words[4 * kChunkBlocks];
  const Position end = k0 + count;
  for (Position p = k0 >> 1; 2 * p < end;) {
    const Position pend = std::min<Position>(p + 2 * kChunkBlocks, (end + 1) >> 1);
    const size_t pairs = size_t(pend - p);
    Words(seed, 2 * p, 2 * pairs, words);
    // Index in the output of normal 2·p: -1 when the fill starts with a cosine half.
    const ptrdiff_t at = 2 * p >= k0 ? ptrdiff_t(2 * p - k0) : -1;
    for (size_t j = 0; j < pairs; ++j) {
      float pair[2];
      BoxMullerFloat(words[2 * j], words[2 * j + 1], &pair[0], &pair[1]);
      for (int h = 0; h < 2; ++h) {
        const ptrdiff_t i = at + ptrdiff_t(2 * j) + h;
        if (i >= 0 && size_t(i) < count) emit(size_t(i), pair[h]);
      }
    }
    p = pend;
  }
}

// Doubles follow cuRAND's host layout, which depends on the offset the generator was last set
// to (`first`, FillRequest::anchor), not only on k: element k of group j = k / 4 comes from subsequence
// t = j % 65536, words 2·(k % 2), +1 (normals: the whole block) of row
// 2·(j >> 16) − base(t) + (k / 2) % 2, where base(t) is the first row whose block for t lies at
// or after block first / 4. Rows advance by two per 65536 groups but start at base(t), so
// generators set to different offsets reuse some blocks; cuRAND does, so we do.
template <typename Visit>
void DoubleGroups(uint64_t seed, uint64_t first, Position k0, size_t count, Visit visit) {
  uint32_t rows[2][4 * kChunkBlocks];
  const Position end = k0 + count;
  const uint64_t start_t = (first >> 2) & 0xffff, start_row = first >> 18;
  for (Position j = k0 >> 2; 4 * j < end;) {
    const uint64_t t = uint64_t(j & 0xffff);
    const uint64_t base = t >= start_t ? start_row : start_row + 1;
    // Block indices stay consecutive until the window ends or base(t) changes.
    Position jend = std::min<Position>({j + kChunkBlocks, (j | 0xffff) + 1, ((end - 1) >> 2) + 1});
    if (t < start_t) jend = std::min<Position>(jend, j - t + start_t);
    const uint64_t q = uint64_t(((2 * (j >> 16) - base) << 16) | t);
    const size_t groups = size_t(jend - j);
    ActiveKernels().words(seed, q, groups, rows[0]);
    ActiveKernels().words(seed, q + 0x10000, groups, rows[1]);
    // Index in the output of element 4·j (negative when the fill starts inside group j).
    const ptrdiff_t at = 4 * j >= k0 ? ptrdiff_t(4 * j - k0) : -ptrdiff_t(k0 - 4 * j);
    visit(at, groups, rows[0], rows[1]);
    j = jend;
  }
}

// Groups [g0, g1) of a DoubleGroups chunk, lane by lane: fn(i, from, to, a, b) gets lanes
// [from, to) of group g, lane l being output index i + l - from.
template <typename Fn>
void EachGroup(ptrdiff_t at, size_t count, size_t g0, size_t g1, const uint32_t* a, const uint32_t* b, Fn fn) {
  for (size_t g = g0; g < g1; ++g) {
    const ptrdiff_t i = at + ptrdiff_t(4 * g);
    const unsigned from = i < 0 ? unsigned(-i) : 0, to = size_t(i + 4) > count ? unsigned(ptrdiff_t(count) - i) : 4;
    fn(size_t(i + from), from, to, a + 4 * g, b + 4 * g);
  }
}

void Doubles(const FillRequest& r) {
  double* out = static_cast<double*>(r.out);
  const size_t count = r.count;
  auto lanes = [out](size_t i, unsigned from, unsigned to, const uint32_t* a, const uint32_t* b) {
    for (unsigned l = from; l < to; ++l, ++i) {
      const uint32_t* w = (l >> 1) ? b : a;
      out[i] = to_double(w[2 * (l & 1)], w[2 * (l & 1) + 1]);
    }
  };
  DoubleGroups(r.seed, r.anchor, r.offset, count, [&](ptrdiff_t at, size_t groups, const uint32_t* a, const uint32_t* b) {
    // Groups wholly inside the output go to the kernel; the first and last may be cut.
    const size_t g0 = std::min<size_t>(groups, at < 0 ? size_t(3 - at) / 4 : 0);
    const size_t g1 = std::max(g0, std::min<size_t>(groups, size_t(ptrdiff_t(count) - at) / 4));
    EachGroup(at, count, 0, g0, a, b, lanes);
    ActiveKernels().doubles(a + 4 * g0, b + 4 * g0, g1 - g0, out + (at + ptrdiff_t(4 * g0)));
    EachGroup(at, count, g1, groups, a, b, lanes);
  });
}

void FillRange(const FillRequest& r) {
  const uint64_t seed = r.seed;
  const Position k0 = r.offset;
  const size_t n = r.count;
  switch (r.kind) {
    case Kind::kUint32:
      Words(seed, k0, n, static_cast<uint32_t*>(r.out));
      return;
    case Kind::kFloat:
      Linear(seed, k0, n, static_cast<float*>(r.out), to_float, ActiveKernels().floats);
      return;
    case Kind::kNormalFloat:
    case Kind::kLogNormalFloat: {
      float* out = static_cast<float*>(r.out);
      const float mean = (float)r.mean, sd = (float)r.stddev;
      if (r.kind == Kind::kNormalFloat)
        NormalFloatPairs(seed, k0, n, [&](size_t i, float z) { out[i] = mean + sd * z; });
      else
        NormalFloatPairs(seed, k0, n, [&](size_t i, float z) { out[i] = std::exp(mean + sd * z); });
      return;
    }
    case Kind::kDouble:
      Doubles(r);
      return;
    case Kind::kNormalDouble:
    case Kind::kLogNormalDouble: {
      double* out = static_cast<double*>(r.out);
      const bool log_normal = r.kind == Kind::kLogNormalDouble;
      const double mean = r.mean, sd = r.stddev;
      auto lanes = [&](size_t i, unsigned from, unsigned to, const uint32_t* a, const uint32_t* b) {
        double z[4];
        if (from < 2) BoxMullerDouble(a, &z[0], &z[1]);
        if (to > 2) BoxMullerDouble(b, &z[2], &z[3]);
        for (unsigned l = from; l < to; ++l, ++i) {
          const double v = mean + sd * z[l];
          out[i] = log_normal ? std::exp(v) : v;
        }
      };
      DoubleGroups(seed, r.anchor, k0, n, [&](ptrdiff_t at, size_t groups, const uint32_t* a, const uint32_t* b) {
        EachGroup(at, n, 0, groups, a, b, lanes);
      });
      return;
    }
  }
}

size_t ElementSize(Kind kind) {
  switch (kind) {
    case Kind::kUint32:
    case Kind::kFloat:
    case Kind::kNormalFloat:
    case Kind::kLogNormalFloat: return 4;
    default: return 8;
  }
}

}  // namespace

// Waking the pool's helpers costs a few µs; one thread fills 2^16 floats in ~30 µs, so
// splitting pays from about 2^17 (2-core EPYC; on a busy machine the gain shrinks to noise).
size_t ThreadThreshold() { return size_t(1) << 17; }

unsigned HardwareThreads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

void Fill(const FillRequest& call, unsigned threads) {
  FillRequest req = call;
  if (req.anchor > req.offset) req.anchor = uint64_t(req.offset);  // a generator never runs backwards
  if (req.count == 0) return;
  if (threads == 0) threads = req.count >= ThreadThreshold() ? HardwareThreads() : 1;
  // Keep every thread at least 64 Ki elements.
  threads = (unsigned)std::max<size_t>(1, std::min<size_t>(threads, req.count >> 16));
  if (threads <= 1) {
    FillRange(req);
    return;
  }
  // Threads take fixed chunks from a shared counter rather than one equal share each: on a
  // machine shared with other work one core often runs slower, and equal shares would make the
  // whole fill wait for it (two threads could then be slower than one). Chunk edges sit on
  // multiples of kChunk in stream units, so every chunk but the first starts on a whole block.
  // Positions are not reduced mod 2^64, so chunks across 2^64 neither wrap nor overlap.
  // Chunks of 2^20 elements where the fill leaves at least eight a thread: two threads of the
  // AVX-512 kernel on 2^26 floats gained 1.9x over one with them, 1.4x with 2^16-element chunks
  // (their interleaved writes cost the memory system, measured on a 2-core AMD EPYC VM); smaller
  // fills keep smaller chunks, down to 2^16, so that every thread still gets several.
  Position kChunk = Position(1) << 16;
  while (kChunk < (Position(1) << 20) && kChunk * 2 * 8 * threads <= Position(req.count)) kChunk *= 2;
  const Position base = req.offset & ~(kChunk - 1), end = req.offset + req.count;
  const uint64_t chunks = uint64_t((end - base + kChunk - 1) / kChunk);
  const size_t size = ElementSize(req.kind);
  std::atomic<uint64_t> next{0};
  auto work = [&req, &next, base, end, chunks, size, kChunk] {
    for (uint64_t c; (c = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
      const Position lo = std::max(req.offset, base + c * kChunk), hi = std::min(end, base + (c + 1) * kChunk);
      FillRequest part = req;
      part.offset = lo;
      part.count = size_t(hi - lo);
      part.out = static_cast<char*>(req.out) + size_t(lo - req.offset) * size;
      FillRange(part);
    }
  };
  RunShared(threads, work);
}

}  // namespace philox
}  // namespace seed_everything
