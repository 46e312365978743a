// cuda.uniform / cuda.normal: draws from a device's default Philox generator (curand/device_rng.h).
#include <napi.h>

#include "core/bindings.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "core/library_errors.h"
#include "cuda/cudart_api.h"
#include "curand/curand_api.h"
#include "curand/device_rng.h"

namespace seed_everything {
namespace {

// deviceDraw(kind: 'uniform' | 'normal', device, ptr: bigint, count, mean, std) -> [seed, offset]
Napi::Value DeviceDrawJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string kind = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (kind != "uniform" && kind != "normal") Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "kind must be uniform or normal");
  int device = ToInt32(info[1], "device");
  uint64_t ptr = ToU64(info[2], "pointer");
  double count = ToDouble(info[3], "count");
  if (!(count >= 0) || count > 9007199254740991.0) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "count must be a non-negative integer");
  if (!Curand().ok) Throw(env, "Error", "ERR_LIBRARY_LOAD", "libcurand is not usable: " + Curand().record.error);
  if (!Cudart().ok) Throw(env, "Error", "ERR_LIBRARY_LOAD", "libcudart is not usable: " + Cudart().record.error);
  DeviceDrawResult r = DeviceDraw(device, kind == "uniform" ? DeviceDrawKind::kUniform : DeviceDrawKind::kNormal,
                                  reinterpret_cast<float*>(ptr), static_cast<size_t>(count),
                                  static_cast<float>(ToDouble(info[4], "mean")), static_cast<float>(ToDouble(info[5], "std")));
  if (r.cuda_status != 0) ThrowCuda(env, r.cuda_status, r.what);
  if (r.curand_status != 0) ThrowCurand(env, r.curand_status, r.what);
  Napi::Array out = Napi::Array::New(env, 2);
  out[0u] = FromU64(env, r.seed);
  out[1u] = FromU64(env, r.offset);
  return out;
}

}  // namespace

void InitCudaRng(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {{"deviceDraw", DeviceDrawJs}});
}

}  // namespace seed_everything
