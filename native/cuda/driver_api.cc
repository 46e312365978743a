#include "cuda/driver_api.h"

#include <string>

namespace seed_everything {
namespace {

void Load(DriverApi* api) {
  // The toolkit's lib64/stubs copy returns "stub library" for everything: never search toolkit
  // folders for the driver.
  dso::LibrarySpec spec{"cuda", {"libcuda.so.1"}, false, false, [api](void* handle, dso::LibraryRecord* record) {
    SE_DRIVER_SYMBOLS(SE_DSO_RESOLVE)
    if (!record->error.empty()) return record->error;
    int version = 0;
    if (api->cuDriverGetVersion(&version) == 0) {
      record->version = version;
      record->version_text = dso::DottedVersion({version / 1000, (version % 1000) / 10});
    }
    return std::string();
  }};
  if (dso::Open(spec, api)) api->init_status = api->cuInit(0);
}

}  // namespace

const DriverApi& Driver() { return dso::LoadOnce(Load); }

const char* DriverErrorName(int status) {
  const DriverApi& api = Driver();
  const char* name = nullptr;
  if (api.ok && api.cuGetErrorName(status, &name) == 0 && name != nullptr) return name;
  return "CUDA_ERROR_UNKNOWN";
}

}  // namespace seed_everything
