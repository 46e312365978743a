// What `doctor` reports: each library's load record, driver/runtime status and the devices, read
// through the driver API so that no context is created.
#include <napi.h>

#include "core/bindings.h"
#include "core/js_values.h"
#include "cuda/cudart_api.h"
#include "cuda/driver_api.h"
#include "cudnn/cudnn_api.h"
#include "curand/curand_api.h"

namespace seed_everything {
namespace {

Napi::Value LibraryRecords(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("cuda", LibraryRecordToJs(env, Driver().record));
  out.Set("cudart", LibraryRecordToJs(env, Cudart().record));
  out.Set("curand", LibraryRecordToJs(env, Curand().record));
  out.Set("cudnn", LibraryRecordToJs(env, Cudnn().record));
  return out;
}

Napi::Value DriverDevices(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  const DriverApi& api = Driver();
  Napi::Array devices = Napi::Array::New(env);
  out.Set("devices", devices);
  if (!api.ok) {
    out.Set("status", env.Null());
    out.Set("statusName", env.Null());
    return out;
  }
  out.Set("initStatus", api.init_status);
  out.Set("initStatusName", api.init_status == 0 ? "CUDA_SUCCESS" : DriverErrorName(api.init_status));
  if (api.init_status != 0) return out;
  int count = 0;
  int status = api.cuDeviceGetCount(&count);
  out.Set("countStatus", status);
  if (status != 0) return out;
  for (int i = 0; i < count; ++i) {
    CUdevice dev = 0;
    if (api.cuDeviceGet(&dev, i) != 0) continue;
    char name[256] = {0};
    api.cuDeviceGetName(name, sizeof(name) - 1, dev);
    int major = 0, minor = 0, sms = 0;
    api.cuDeviceGetAttribute(&major, kCuAttrComputeCapabilityMajor, dev);
    api.cuDeviceGetAttribute(&minor, kCuAttrComputeCapabilityMinor, dev);
    api.cuDeviceGetAttribute(&sms, kCuAttrMultiprocessorCount, dev);
    size_t total = 0;
    api.cuDeviceTotalMem_v2(&total, dev);
    unsigned int flags = 0;
    int active = 0;
    api.cuDevicePrimaryCtxGetState(dev, &flags, &active);
    Napi::Object d = Napi::Object::New(env);
    d.Set("index", i);
    d.Set("name", name);
    d.Set("computeCapability", std::to_string(major) + "." + std::to_string(minor));
    d.Set("multiprocessors", sms);
    d.Set("totalMemoryBytes", static_cast<double>(total));
    d.Set("contextActive", active != 0);
    devices.Set(devices.Length(), d);
  }
  return out;
}

// cudaGetDeviceCount through the runtime: initializes the driver but creates no context.
Napi::Value RuntimeDeviceCount(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  const CudartApi& api = Cudart();
  out.Set("runtimeLoaded", api.ok);
  if (!api.ok) {
    out.Set("count", 0);
    return out;
  }
  int count = 0;
  int status = api.cudaGetDeviceCount(&count);
  int driver_version = 0;
  api.cudaDriverGetVersion(&driver_version);
  if (status != 0) {
    api.cudaGetLastError();  // clear the sticky-free error so later calls start clean
    count = 0;
  }
  out.Set("count", count);
  out.Set("status", status);
  out.Set("statusName", CudaErrorName(status));
  out.Set("statusText", CudaErrorString(status));
  out.Set("driverVersion", driver_version);
  return out;
}

Napi::Object SymbolsToJs(Napi::Env env, std::initializer_list<dso::Symbol> symbols) {
  Napi::Array required = Napi::Array::New(env);
  Napi::Array optional = Napi::Array::New(env);
  for (const dso::Symbol& s : symbols) {
    Napi::Array& into = s.required ? required : optional;
    into.Set(into.Length(), s.name);
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("required", required);
  out.Set("optional", optional);
  return out;
}

// Every symbol the loader resolves, per library: the loader tests build stand-in libraries from it.
Napi::Value LibrarySymbols(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("cuda", SymbolsToJs(env, {SE_DRIVER_SYMBOLS(SE_DSO_SYMBOL)}));
  out.Set("cudart", SymbolsToJs(env, {SE_CUDART_SYMBOLS(SE_DSO_SYMBOL)}));
  out.Set("curand", SymbolsToJs(env, {SE_CURAND_SYMBOLS(SE_DSO_SYMBOL)}));
  out.Set("cudnn", SymbolsToJs(env, {SE_CUDNN_SYMBOLS(SE_DSO_SYMBOL)}));
  return out;
}

}  // namespace

void InitDoctor(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {
      {"libraryRecords", LibraryRecords},
      {"driverDevices", DriverDevices},
      {"runtimeDeviceCount", RuntimeDeviceCount},
      {"librarySymbols", LibrarySymbols},
  });
}

}  // namespace seed_everything
