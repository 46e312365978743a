#include "curand/curand_api.h"

#include <mutex>
#include <string>

namespace seed_everything {
namespace {

void Load(CurandApi* api) {
  dso::LibrarySpec spec{"curand", {"libcurand.so.10"}, true, true, [api](void* h, dso::LibraryRecord* r) {
    dso::Resolve(h, "curandCreateGenerator", &api->curandCreateGenerator, r);
    dso::Resolve(h, "curandCreateGeneratorHost", &api->curandCreateGeneratorHost, r);
    dso::Resolve(h, "curandDestroyGenerator", &api->curandDestroyGenerator, r);
    dso::Resolve(h, "curandGetVersion", &api->curandGetVersion, r);
    dso::Resolve(h, "curandSetStream", &api->curandSetStream, r);
    dso::Resolve(h, "curandSetPseudoRandomGeneratorSeed", &api->curandSetPseudoRandomGeneratorSeed, r);
    dso::Resolve(h, "curandSetGeneratorOffset", &api->curandSetGeneratorOffset, r);
    dso::Resolve(h, "curandSetGeneratorOrdering", &api->curandSetGeneratorOrdering, r);
    dso::Resolve(h, "curandSetQuasiRandomGeneratorDimensions", &api->curandSetQuasiRandomGeneratorDimensions, r);
    dso::Resolve(h, "curandGenerate", &api->curandGenerate, r);
    dso::Resolve(h, "curandGenerateLongLong", &api->curandGenerateLongLong, r);
    dso::Resolve(h, "curandGenerateUniform", &api->curandGenerateUniform, r);
    dso::Resolve(h, "curandGenerateUniformDouble", &api->curandGenerateUniformDouble, r);
    dso::Resolve(h, "curandGenerateNormal", &api->curandGenerateNormal, r);
    dso::Resolve(h, "curandGenerateNormalDouble", &api->curandGenerateNormalDouble, r);
    dso::Resolve(h, "curandGenerateLogNormal", &api->curandGenerateLogNormal, r);
    dso::Resolve(h, "curandGenerateLogNormalDouble", &api->curandGenerateLogNormalDouble, r);
    dso::Resolve(h, "curandGeneratePoisson", &api->curandGeneratePoisson, r);
    return r->error;
  }};
  if (dso::OpenLibrary(spec, &api->record) == nullptr) return;
  auto* r = &api->record;
  int version = 0;
  if (api->curandGetVersion(&version) == 0) {
    r->version = version;
    r->version_text = std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 100) + "." +
                      std::to_string(version % 100);
  }
  r->loaded = true;
  api->ok = true;
}

}  // namespace

const CurandApi& Curand() {
  static CurandApi api;
  static std::once_flag once;
  std::call_once(once, [] { Load(&api); });
  return api;
}

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
