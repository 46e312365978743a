// curand.Generator: one ObjectWrap per cuRAND generator handle, host or device. Arguments were
// validated in lib/curand-generator.ts; the checks here only keep direct callers from crashing.
#include <napi.h>

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define SE_HAVE_MALLINFO2 1
#endif

#include "core/bindings.h"
#include "core/closable.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "core/library_errors.h"
#include "cuda/cudart_api.h"
#include "cuda/use_device.h"
#include "curand/curand_api.h"
#include "generated/constants.h"

namespace seed_everything {
namespace {

// libcurand's generators hold C-heap memory V8 cannot see (host Philox about 4 MiB, MRG32k3a
// 3.8 MiB, MT19937 about 40 MiB, allocated at creation or at the first fill). Unreported, hundreds of
// unclosed generators never make V8 collect them. The heap's growth across those two calls is
// measured and reported; where it cannot be read, a host generator counts as kUnmeasuredBytes.
constexpr int64_t kUnmeasuredBytes = 4 << 20;

int64_t HeapBytes() {
#ifdef SE_HAVE_MALLINFO2
  struct mallinfo2 m = mallinfo2();
  return static_cast<int64_t>(m.uordblks + m.hblkhd);
#else
  return -1;
#endif
}

using namespace constants;  // OutputKind and its kOutput* values

// The kinds lib/curand-generator.ts passes (outputKinds in native/constants.json).
OutputKind KindFromJs(const Napi::Value& value) {
  std::string name = value.IsString() ? value.As<Napi::String>().Utf8Value() : std::string();
  for (int k = 0; k < kOutputKindCount; ++k) {
    if (name == kOutputKindNames[k]) return static_cast<OutputKind>(k);
  }
  Throw(value.Env(), "RangeError", "ERR_OUT_OF_RANGE", "unknown output kind " + name);
}

class CurandGenerator : public ClosableWrap<CurandGenerator> {
 public:
  static void Export(Napi::Env env, Napi::Object exports) {
    ClosableWrap::Export(env, exports, "CurandGenerator",
                         {
                             InstanceMethod<&CurandGenerator::SetSeed>("setSeed"),
                             InstanceMethod<&CurandGenerator::SetOffset>("setOffset"),
                             InstanceMethod<&CurandGenerator::SetOrdering>("setOrdering"),
                             InstanceMethod<&CurandGenerator::SetQuasiDimensions>("setQuasiDimensions"),
                             InstanceMethod<&CurandGenerator::SetStream>("setStream"),
                             InstanceMethod<&CurandGenerator::Generate>("generate"),
                             InstanceAccessor<&CurandGenerator::GetExternalBytes>("externalBytes"),
                         });
  }

  // new CurandGenerator(type: number, device: number /* -1 = host */)
  explicit CurandGenerator(const Napi::CallbackInfo& info) : ClosableWrap(info) {
    Napi::Env env = info.Env();
    int type = ToInt32(info[0], "type");
    device_ = ToInt32(info[1], "device");
    const CurandApi& api = Curand();
    if (!api.ok) Throw(env, "Error", "ERR_LIBRARY_LOAD", "libcurand is not usable: " + api.record.error);
    int status;
    int64_t before = HeapBytes();
    if (device_ < 0) {
      status = api.curandCreateGeneratorHost(&gen_, type);
    } else {
      UseDevice(env, device_);
      status = api.curandCreateGenerator(&gen_, type);
    }
    if (status != 0) {
      gen_ = nullptr;
      ThrowCurand(env, status, "curandCreateGenerator");
    }
    env_ = env;
    Account(before, before < 0 && device_ < 0 ? kUnmeasuredBytes : 0);
    Track(env);
  }

  // The finalizer: V8 is told the memory is gone.
  ~CurandGenerator() override { Close(true); }

 private:
  void Release(bool report) override {
    if (device_ >= 0 && Cudart().ok) Cudart().cudaSetDevice(device_);
    Curand().curandDestroyGenerator(gen_);
    gen_ = nullptr;
    if (report && external_ > 0) Napi::MemoryManagement::AdjustExternalMemory(env_, -external_);
    external_ = 0;
  }

  // Reports the heap's growth since `before` (or `fallback` when it cannot be measured).
  void Account(int64_t before, int64_t fallback) {
    int64_t grown = before < 0 ? fallback : HeapBytes() - before;
    if (grown <= 0) return;
    external_ += grown;
    Napi::MemoryManagement::AdjustExternalMemory(env_, grown);
  }

  curandGenerator_t Handle(Napi::Env env) {
    RequireOpen(env, "cuRAND generator");
    if (device_ >= 0) UseDevice(env, device_);
    return gen_;
  }

  void Check(Napi::Env env, int status, const char* what) {
    if (status != 0) ThrowCurand(env, status, what);
  }

  Napi::Value SetSeed(const Napi::CallbackInfo& info) {
    Check(info.Env(), Curand().curandSetPseudoRandomGeneratorSeed(Handle(info.Env()), ToU64(info[0], "seed")),
          "curandSetPseudoRandomGeneratorSeed");
    return info.Env().Undefined();
  }

  Napi::Value SetOffset(const Napi::CallbackInfo& info) {
    Check(info.Env(), Curand().curandSetGeneratorOffset(Handle(info.Env()), ToU64(info[0], "offset")),
          "curandSetGeneratorOffset");
    return info.Env().Undefined();
  }

  Napi::Value SetOrdering(const Napi::CallbackInfo& info) {
    Check(info.Env(), Curand().curandSetGeneratorOrdering(Handle(info.Env()), ToInt32(info[0], "ordering")),
          "curandSetGeneratorOrdering");
    return info.Env().Undefined();
  }

  Napi::Value SetQuasiDimensions(const Napi::CallbackInfo& info) {
    int dims = ToInt32(info[0], "dimensions");
    if (dims < 1) Throw(info.Env(), "RangeError", "ERR_OUT_OF_RANGE", "dimensions must be positive");
    Check(info.Env(), Curand().curandSetQuasiRandomGeneratorDimensions(Handle(info.Env()), static_cast<unsigned>(dims)),
          "curandSetQuasiRandomGeneratorDimensions");
    return info.Env().Undefined();
  }

  Napi::Value SetStream(const Napi::CallbackInfo& info) {
    uint64_t stream = ToU64(info[0], "stream");
    Check(info.Env(), Curand().curandSetStream(Handle(info.Env()), reinterpret_cast<void*>(stream)), "curandSetStream");
    return info.Env().Undefined();
  }

  // generate(kind, out: TypedArray | bigint device pointer, count, a, b)
  Napi::Value Generate(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    curandGenerator_t g = Handle(env);
    OutputKind kind = KindFromJs(info[0]);
    size_t count = static_cast<size_t>(ToDouble(info[2], "count"));
    void* out = nullptr;
    if (info[1].IsTypedArray()) {
      if (device_ >= 0) Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "a device generator writes into a DeviceBuffer");
      size_t bytes = 0;
      out = ViewBytes(info[1], &bytes);
      if (count > bytes / ElementSize(kind)) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "count does not fit the output array");
    } else {
      if (device_ < 0) Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "a host generator writes into a typed array");
      out = reinterpret_cast<void*>(ToU64(info[1], "pointer"));
    }
    if (count == 0) return env.Undefined();
    const CurandApi& api = Curand();
    // Host generators allocate their buffers at the first fill.
    int64_t before = filled_ ? -1 : HeapBytes();
    // a and b: mean and std of the normals, lambda of the Poisson; read only by the kinds that take them.
    auto a = [&] { return ToDouble(info[3], kind == kOutputPoisson ? "lambda" : "mean"); };
    auto b = [&] { return ToDouble(info[4], "std"); };
    auto* f32 = static_cast<float*>(out);
    auto* f64 = static_cast<double*>(out);
    int status = 0;
    switch (kind) {
      case kOutputU32: status = api.curandGenerate(g, static_cast<unsigned*>(out), count); break;
      case kOutputU64: status = api.curandGenerateLongLong(g, static_cast<unsigned long long*>(out), count); break;
      case kOutputUniform: status = api.curandGenerateUniform(g, f32, count); break;
      case kOutputUniformDouble: status = api.curandGenerateUniformDouble(g, f64, count); break;
      case kOutputNormal: status = api.curandGenerateNormal(g, f32, count, static_cast<float>(a()), static_cast<float>(b())); break;
      case kOutputNormalDouble: status = api.curandGenerateNormalDouble(g, f64, count, a(), b()); break;
      case kOutputLogNormal: status = api.curandGenerateLogNormal(g, f32, count, static_cast<float>(a()), static_cast<float>(b())); break;
      case kOutputLogNormalDouble: status = api.curandGenerateLogNormalDouble(g, f64, count, a(), b()); break;
      case kOutputPoisson: status = api.curandGeneratePoisson(g, static_cast<unsigned*>(out), count, a()); break;
    }
    if (!filled_ && before >= 0) Account(before, 0);
    filled_ = true;
    Check(env, status, "cuRAND generation");
    if (device_ >= 0) {
      // Device generation is asynchronous: surface launch errors here rather than at some later call.
      int sync = Cudart().cudaDeviceSynchronize();
      if (sync != 0) ThrowCuda(env, sync, "cudaDeviceSynchronize after cuRAND generation");
    }
    return env.Undefined();
  }

  static size_t ElementSize(OutputKind kind) {
    switch (kind) {
      case kOutputU64:
      case kOutputUniformDouble:
      case kOutputNormalDouble:
      case kOutputLogNormalDouble: return 8;
      default: return 4;
    }
  }

  // What this generator reported to V8 and has not given back (read by the tests).
  Napi::Value GetExternalBytes(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), static_cast<double>(external_)); }

  curandGenerator_t gen_ = nullptr;
  int device_ = -1;
  napi_env env_ = nullptr;
  int64_t external_ = 0;  // reported to V8 and not yet given back
  bool filled_ = false;
};

}  // namespace

void InitCurand(Napi::Env env, Napi::Object exports) {
  CurandGenerator::Export(env, exports);
}

}  // namespace seed_everything
