// CPU fill engine for the cuRAND-compatible Philox stream (see docs/philox-stream.md). Plain
// C++17: the N-API layer and the probes both drive it through these functions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace seed_everything {
namespace philox {

enum class Kind { kUint32, kFloat, kDouble, kNormalFloat, kNormalDouble, kLogNormalFloat, kLogNormalDouble };

enum class Simd { kScalar = 0, kAvx2 = 1, kAvx512 = 2 };

// A stream position, in elements. It does not wrap at 2^64: libcurand's host generator keeps
// counting into blocks q >= 2^62 there (docs/philox-stream.md (g)), so a call crossing 2^64, and
// the calls after it, go on past it. Below kPositionLimit every block index of every kind fits
// 64 bits; nothing can draw past it.
using Position = unsigned __int128;
constexpr Position kPositionLimit = Position(1) << 65;

struct FillRequest {
  Kind kind = Kind::kUint32;
  uint64_t seed = 0;
  Position offset = 0;  // in elements of `kind`, as cuRAND's generator offset counts them
  void* out = nullptr;
  size_t count = 0;
  double mean = 0.0;
  double stddev = 1.0;
  // The offset the generator was last set to (cuRAND: curandSetGeneratorOffset, or 0 at
  // creation). Doubles and double normals are laid out relative to it; 32-bit kinds ignore it.
  uint64_t anchor = 0;
};

// Fills req.out; req.offset + req.count must not pass kPositionLimit. threads == 0 picks
// hardware concurrency for large fills and one thread for small ones; any thread count gives the
// same bits.
void Fill(const FillRequest& req, unsigned threads = 0);

// Below this many elements a fill stays on the calling thread (thread start-up costs more).
size_t ThreadThreshold();
unsigned HardwareThreads();

bool SimdSupported(Simd simd);
Simd ActiveSimd();
// False (with a reason in *error) when the CPU or the build lacks `simd`.
bool ForceSimd(Simd simd, std::string* error);
// Back to the fastest path (measuring it now if no fill has yet).
void ResetSimd();
// Times the supported paths once per process and makes the fastest active, unless one was
// forced; the first use of the engine calls it.
void Calibrate();
bool Calibrated();
const char* SimdName(Simd simd);
bool ParseSimd(const std::string& name, Simd* simd);

// Turns the 32-bit words in `memory` (`bytes`, a multiple of 8) into res53 doubles in place:
// double k = ((w[2k] >> 5) * 2^26 + (w[2k+1] >> 6)) * 2^-53 occupies the bytes of words 2k, 2k+1.
void WordsToRes53(uint8_t* memory, size_t bytes);

}  // namespace philox
}  // namespace seed_everything
