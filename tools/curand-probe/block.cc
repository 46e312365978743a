// Prints Philox4x32-10 blocks of the stream contract (include/seed_everything/philox.h) for
// block indices q, to name where libcurand's outputs come from:
//   block SEED Q [Q ...]      -> "q: w0 w1 w2 w3" (32-bit outputs 4q .. 4q+3)
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "seed_everything/philox.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: block SEED Q [Q ...]\n");
    return 1;
  }
  const uint64_t seed = std::strtoull(argv[1], nullptr, 0);
  for (int a = 2; a < argc; ++a) {
    const uint64_t q = std::strtoull(argv[a], nullptr, 0);
    const auto b = seed_everything::philox::block_at(seed, q);
    std::printf("%" PRIu64 ": %u %u %u %u\n", q, b.v[0], b.v[1], b.v[2], b.v[3]);
  }
  return 0;
}
