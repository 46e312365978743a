#include "cuda/driver_api.h"

#include <mutex>
#include <string>

namespace seed_everything {
namespace {

void Load(DriverApi* api) {
  // The toolkit's lib64/stubs copy returns "stub library" for everything: never search toolkit
  // folders for the driver.
  dso::LibrarySpec spec{"cuda", {"libcuda.so.1"}, false, false, [api](void* h, dso::LibraryRecord* r) {
    dso::Resolve(h, "cuInit", &api->cuInit, r);
    dso::Resolve(h, "cuDriverGetVersion", &api->cuDriverGetVersion, r);
    dso::Resolve(h, "cuDeviceGetCount", &api->cuDeviceGetCount, r);
    dso::Resolve(h, "cuDeviceGet", &api->cuDeviceGet, r);
    dso::Resolve(h, "cuDeviceGetName", &api->cuDeviceGetName, r);
    dso::Resolve(h, "cuDeviceGetAttribute", &api->cuDeviceGetAttribute, r);
    dso::Resolve(h, "cuDeviceTotalMem_v2", &api->cuDeviceTotalMem_v2, r);
    dso::Resolve(h, "cuDevicePrimaryCtxGetState", &api->cuDevicePrimaryCtxGetState, r);
    dso::Resolve(h, "cuGetErrorName", &api->cuGetErrorName, r);
    dso::Resolve(h, "cuGetErrorString", &api->cuGetErrorString, r);
    return r->error;
  }};
  void* h = dso::OpenLibrary(spec, &api->record);
  if (h == nullptr) return;
  auto* r = &api->record;
  int version = 0;
  if (api->cuDriverGetVersion(&version) == 0) {
    r->version = version;
    r->version_text = std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
  }
  api->init_status = api->cuInit(0);
  r->loaded = true;
  api->ok = true;
}

}  // namespace

const DriverApi& Driver() {
  static DriverApi api;
  static std::once_flag once;
  std::call_once(once, [] { Load(&api); });
  return api;
}

const char* DriverErrorName(int status) {
  const DriverApi& api = Driver();
  const char* name = nullptr;
  if (api.ok && api.cuGetErrorName(status, &name) == 0 && name != nullptr) return name;
  return "CUDA_ERROR_UNKNOWN";
}

}  // namespace seed_everything
