#include "curand/curand_api.h"

#include <string>

namespace seed_everything {
namespace {

void Load(CurandApi* api) {
  dso::LibrarySpec spec{"curand", {"libcurand.so.10"}, true, true, [api](void* handle, dso::LibraryRecord* record) {
    SE_CURAND_SYMBOLS(SE_DSO_RESOLVE)
    if (!record->error.empty()) return record->error;
    int version = 0;
    if (api->curandGetVersion(&version) == 0) {
      record->version = version;
      record->version_text = dso::DottedVersion({version / 1000, (version % 1000) / 100, version % 100});
    }
    return std::string();
  }};
  dso::Open(spec, api);
}

}  // namespace

const CurandApi& Curand() { return dso::LoadOnce(Load); }

const char* CurandStatusName(int status) {
  switch (status) {
    case 0: return "CURAND_STATUS_SUCCESS";
    case 100: return "CURAND_STATUS_VERSION_MISMATCH";
    case 101: return "CURAND_STATUS_NOT_INITIALIZED";
    case 102: return "CURAND_STATUS_ALLOCATION_FAILED";
    case 103: return "CURAND_STATUS_TYPE_ERROR";
    case 104: return "CURAND_STATUS_OUT_OF_RANGE";
    case 105: return "CURAND_STATUS_LENGTH_NOT_MULTIPLE";
    case 106: return "CURAND_STATUS_DOUBLE_PRECISION_REQUIRED";
    case 201: return "CURAND_STATUS_LAUNCH_FAILURE";
    case 202: return "CURAND_STATUS_PREEXISTING_FAILURE";
    case 203: return "CURAND_STATUS_INITIALIZATION_FAILED";
    case 204: return "CURAND_STATUS_ARCH_MISMATCH";
    case 999: return "CURAND_STATUS_INTERNAL_ERROR";
    default: return "CURAND_STATUS_UNKNOWN";
  }
}

}  // namespace seed_everything
