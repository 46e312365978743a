// Uses include/seed_everything/philox.h the way another addon or a kernel would; the test
// compares what it prints with the Philox class. Compiled as C++ by g++ and as CUDA by nvcc.
#include <stdio.h>
#include <string.h>

#include "seed_everything/philox.h"

namespace px = seed_everything::philox;

#if defined(__CUDACC__)
__global__ void Kernel(unsigned long long seed, unsigned long long offset, unsigned* out) {
  out[threadIdx.x] = px::element_at(seed, offset, threadIdx.x);
}
#endif

int main() {
  const unsigned long long seeds[] = {0ull, 11ull, 0xffffffffull, 1ull << 32, ~0ull};
  const unsigned long long offsets[] = {0ull, 3ull, 262143ull, 1ull << 40};
  for (unsigned long long seed : seeds) {
    for (unsigned long long off : offsets) {
      printf("%llu %llu", seed, off);
      for (int i = 0; i < 6; ++i) {
        const uint32_t x = px::element_at(seed, off, i);
        const float f = px::to_float(x);
        uint32_t fb;
        memcpy(&fb, &f, 4);
        printf(" %u:%08x", x, fb);
      }
      printf("\n");
    }
  }
  return 0;
}
