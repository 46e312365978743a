#include "cuda/cudart_api.h"

#include <cstdlib>

namespace seed_everything {
namespace {

int MajorFromSoname(const std::string& soname) {
  // libcudart.so.13 -> 13, libcudart.so.11.0 -> 11
  size_t at = soname.find(".so.");
  return at == std::string::npos ? 0 : std::atoi(soname.c_str() + at + 4);
}

void Load(CudartApi* api) {
  dso::LibrarySpec spec{"cudart", {"libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0"}, true, true, [api](void* handle, dso::LibraryRecord* record) {
    SE_CUDART_SYMBOLS(SE_DSO_RESOLVE)
    if (!record->error.empty()) return record->error;
    int version = 0;
    api->cudaRuntimeGetVersion(&version);
    record->version = version;
    record->version_text = dso::DottedVersion({version / 1000, (version % 1000) / 10});
    api->expected_major = MajorFromSoname(record->soname);
    // A file named for one major version that reports another is a broken install; using it would
    // mix ABIs with whatever was built against the name.
    if (api->expected_major != 0 && version / 1000 != api->expected_major) {
      return record->path + " reports CUDA runtime " + record->version_text + " but its name promises major version " +
             std::to_string(api->expected_major);
    }
    return std::string();
  }};
  dso::Open(spec, api);
}

}  // namespace

const CudartApi& Cudart() { return dso::LoadOnce(Load); }

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
