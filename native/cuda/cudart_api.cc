#include "cuda/cudart_api.h"

#include <mutex>

namespace seed_everything {
namespace {

int MajorFromSoname(const std::string& soname) {
  // libcudart.so.13 -> 13, libcudart.so.11.0 -> 11
  size_t at = soname.find(".so.");
  return at == std::string::npos ? 0 : std::atoi(soname.c_str() + at + 4);
}

void Load(CudartApi* api) {
  dso::LibrarySpec spec{"cudart", {"libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0"}, true, true, [api](void* h, dso::LibraryRecord* r) {
    dso::Resolve(h, "cudaGetDeviceCount", &api->cudaGetDeviceCount, r);
    dso::Resolve(h, "cudaSetDevice", &api->cudaSetDevice, r);
    dso::Resolve(h, "cudaGetDevice", &api->cudaGetDevice, r);
    dso::Resolve(h, "cudaMalloc", &api->cudaMalloc, r);
    dso::Resolve(h, "cudaFree", &api->cudaFree, r);
    dso::Resolve(h, "cudaMemcpy", &api->cudaMemcpy, r);
    dso::Resolve(h, "cudaMemset", &api->cudaMemset, r);
    dso::Resolve(h, "cudaDeviceSynchronize", &api->cudaDeviceSynchronize, r);
    dso::Resolve(h, "cudaMemGetInfo", &api->cudaMemGetInfo, r);
    dso::Resolve(h, "cudaGetErrorName", &api->cudaGetErrorName, r);
    dso::Resolve(h, "cudaGetErrorString", &api->cudaGetErrorString, r);
    dso::Resolve(h, "cudaGetLastError", &api->cudaGetLastError, r);
    dso::Resolve(h, "cudaRuntimeGetVersion", &api->cudaRuntimeGetVersion, r);
    dso::Resolve(h, "cudaDriverGetVersion", &api->cudaDriverGetVersion, r);
    dso::Resolve(h, "cudaDeviceGetAttribute", &api->cudaDeviceGetAttribute, r);
    dso::Resolve(h, "cudaStreamCreate", &api->cudaStreamCreate, r);
    dso::Resolve(h, "cudaStreamDestroy", &api->cudaStreamDestroy, r);
    dso::Resolve(h, "cudaStreamSynchronize", &api->cudaStreamSynchronize, r);
    dso::Resolve(h, "cudaEventCreate", &api->cudaEventCreate, r);
    dso::Resolve(h, "cudaEventDestroy", &api->cudaEventDestroy, r);
    dso::Resolve(h, "cudaEventRecord", &api->cudaEventRecord, r);
    dso::Resolve(h, "cudaEventSynchronize", &api->cudaEventSynchronize, r);
    dso::Resolve(h, "cudaEventElapsedTime", &api->cudaEventElapsedTime, r);
    if (!r->error.empty()) return r->error;
    int version = 0;
    api->cudaRuntimeGetVersion(&version);
    r->version = version;
    r->version_text = std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
    api->expected_major = MajorFromSoname(r->soname);
    // A file named for one major version that reports another is a broken install; using it would
    // mix ABIs with whatever was built against the name.
    if (api->expected_major != 0 && version / 1000 != api->expected_major) {
      return r->path + " reports CUDA runtime " + r->version_text + " but its name promises major version " +
             std::to_string(api->expected_major);
    }
    return std::string();
  }};
  if (dso::OpenLibrary(spec, &api->record) == nullptr) return;
  api->record.loaded = true;
  api->ok = true;
}

}  // namespace

const CudartApi& Cudart() {
  static CudartApi api;
  static std::once_flag once;
  std::call_once(once, [] { Load(&api); });
  return api;
}

std::string CudaErrorName(int status) {
  const CudartApi& api = Cudart();
  if (api.ok) {
    const char* name = api.cudaGetErrorName(status);
    if (name != nullptr) return name;
  }
  switch (status) {
    case 0: return "cudaSuccess";
    case 1: return "cudaErrorInvalidValue";
    case 2: return "cudaErrorMemoryAllocation";
    case 3: return "cudaErrorInitializationError";
    case 34: return "cudaErrorStubLibrary";
    case 35: return "cudaErrorInsufficientDriver";
    case 100: return "cudaErrorNoDevice";
    case 101: return "cudaErrorInvalidDevice";
    case 209: return "cudaErrorNoKernelImageForDevice";
    case 803: return "cudaErrorSystemDriverMismatch";
    default: return "cudaErrorUnknown";
  }
}

std::string CudaErrorString(int status) {
  const CudartApi& api = Cudart();
  if (api.ok) {
    const char* text = api.cudaGetErrorString(status);
    if (text != nullptr) return text;
  }
  return CudaErrorName(status);
}

}  // namespace seed_everything
