// One file, two builds: nvcc makes a kernel from it, a plain C++ compiler makes the host path.
// Both print outputs offset .. offset + count - 1 of the Philox stream for seed, so the test can
// compare either with the JS reference.
//   philox_fill SEED OFFSET COUNT [host|device]
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "seed_everything/philox.h"

namespace px = seed_everything::philox;

#if defined(__CUDACC__)
// One thread per group of four, as an op that reserved round_up(count, 4) outputs would launch.
__global__ void philox_fill(uint64_t seed, uint64_t offset, uint32_t* out, uint64_t count) {
  const uint64_t i = (uint64_t)blockIdx.x * blockDim.x + threadIdx.x;
  if (4 * i >= count) return;
  const px::u32x4 b = px::block_from(seed, offset, i);
  for (int j = 0; j < 4 && 4 * i + j < count; ++j) out[4 * i + j] = b.v[j];
}

static int fill_device(uint64_t seed, uint64_t offset, uint32_t* host, uint64_t count) {
  uint32_t* dev = NULL;
  if (cudaMalloc(&dev, count * sizeof(uint32_t)) != cudaSuccess) return 1;
  const unsigned threads = 128;
  const unsigned blocks = (unsigned)((count + 4 * threads - 1) / (4 * threads));
  philox_fill<<<blocks, threads>>>(seed, offset, dev, count);
  cudaError_t err = cudaDeviceSynchronize();
  if (err == cudaSuccess) err = cudaMemcpy(host, dev, count * sizeof(uint32_t), cudaMemcpyDeviceToHost);
  cudaFree(dev);
  if (err != cudaSuccess) fprintf(stderr, "CUDA error: %s\n", cudaGetErrorString(err));
  return err == cudaSuccess ? 0 : 1;
}
#endif

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s SEED OFFSET COUNT [host|device]\n", argv[0]);
    return 2;
  }
  const uint64_t seed = strtoull(argv[1], NULL, 0);
  const uint64_t offset = strtoull(argv[2], NULL, 0);
  const uint64_t count = strtoull(argv[3], NULL, 0);
  const int device = argc > 4 && argv[4][0] == 'd';
  uint32_t* values = (uint32_t*)malloc((count ? count : 1) * sizeof(uint32_t));
  if (values == NULL) return 1;
  if (device) {
#if defined(__CUDACC__)
    if (fill_device(seed, offset, values, count) != 0) return 1;
#else
    fprintf(stderr, "built without CUDA\n");
    return 2;
#endif
  } else {
    for (uint64_t i = 0; i < count; ++i) values[i] = px::element_at(seed, offset, i);
  }
  for (uint64_t i = 0; i < count; ++i) printf(i ? " %u" : "%u", values[i]);
  printf("\n");
  free(values);
  return 0;
}
