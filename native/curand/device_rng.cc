#include "curand/device_rng.h"

#include <map>
#include <memory>
#include <mutex>

#include "cuda/cudart_api.h"
#include "curand/curand_api.h"
#include "state/process_state.h"

namespace seed_everything {
namespace {

struct DeviceGenerator {
  std::mutex mutex;
  curandGenerator_t gen = nullptr;
  bool seeded = false;
  uint64_t seed = 0;
  float* scratch = nullptr;  // 4 floats: the tail of a count that is not a multiple of 4
};

// Never destroyed: the CUDA runtime may already be torn down when static destructors run.
std::map<int, std::unique_ptr<DeviceGenerator>>& Generators() {
  static auto* generators = new std::map<int, std::unique_ptr<DeviceGenerator>>();
  return *generators;
}

DeviceGenerator& For(int device) {
  static std::mutex table_mutex;
  std::lock_guard<std::mutex> lock(table_mutex);
  auto& slot = Generators()[device];
  if (!slot) slot = std::make_unique<DeviceGenerator>();
  return *slot;
}

int Generate(const CurandApi& api, curandGenerator_t gen, DeviceDrawKind kind, float* out, size_t n, float mean, float sd) {
  return kind == DeviceDrawKind::kUniform ? api.curandGenerateUniform(gen, out, n) : api.curandGenerateNormal(gen, out, n, mean, sd);
}

}  // namespace

DeviceDrawResult DeviceDraw(int device, DeviceDrawKind kind, float* out, size_t count, float mean, float stddev) {
  DeviceDrawResult r;
  const CurandApi& api = Curand();
  const CudartApi& rt = Cudart();
  DeviceGenerator& g = For(device);
  std::lock_guard<std::mutex> lock(g.mutex);
  if ((r.cuda_status = rt.cudaSetDevice(device)) != 0) {
    r.what = "cudaSetDevice";
    return r;
  }
  if (g.gen == nullptr) {
    if ((r.curand_status = api.curandCreateGenerator(&g.gen, kCurandPhilox4_32_10)) != 0) {
      g.gen = nullptr;
      r.what = "curandCreateGenerator";
      return r;
    }
    // The only ordering cuRAND promises to keep across releases, and the one the CPU engine follows.
    if ((r.curand_status = api.curandSetGeneratorOrdering(g.gen, kCurandOrderingPseudoLegacy)) != 0) {
      r.what = "curandSetGeneratorOrdering";
      return r;
    }
    void* scratch = nullptr;
    if ((r.cuda_status = rt.cudaMalloc(&scratch, 4 * sizeof(float))) != 0) {
      r.what = "cudaMalloc";
      return r;
    }
    g.scratch = static_cast<float*>(scratch);
  }
  PhiloxState state = ProcessState::Get().Reserve(device, count);
  r.seed = state.seed;
  r.offset = state.offset;
  if (!g.seeded || g.seed != state.seed) {
    if ((r.curand_status = api.curandSetPseudoRandomGeneratorSeed(g.gen, state.seed)) != 0) {
      r.what = "curandSetPseudoRandomGeneratorSeed";
      return r;
    }
    g.seeded = true;
    g.seed = state.seed;
  }
  // Whole blocks of 4 straight into the output; a partial last block through the scratch buffer,
  // because libcurand leaves the tail of such fills unwritten at offsets that are multiples of 4.
  size_t whole = count / 4 * 4;
  if (whole > 0) {
    if ((r.curand_status = api.curandSetGeneratorOffset(g.gen, state.offset)) != 0 ||
        (r.curand_status = Generate(api, g.gen, kind, out, whole, mean, stddev)) != 0) {
      r.what = "cuRAND generation";
      return r;
    }
  }
  if (whole < count) {
    if ((r.curand_status = api.curandSetGeneratorOffset(g.gen, state.offset + whole)) != 0 ||
        (r.curand_status = Generate(api, g.gen, kind, g.scratch, 4, mean, stddev)) != 0) {
      r.what = "cuRAND generation";
      return r;
    }
    if ((r.cuda_status = rt.cudaMemcpy(out + whole, g.scratch, (count - whole) * sizeof(float), kMemcpyDeviceToDevice)) != 0) {
      r.what = "cudaMemcpy";
      return r;
    }
  }
  if ((r.cuda_status = rt.cudaDeviceSynchronize()) != 0) r.what = "cudaDeviceSynchronize";
  return r;
}

}  // namespace seed_everything
