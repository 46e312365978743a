// Native side of the compat generators (lib/compat): bulk MT19937 fills that work in place on
// the engine's own Uint32Array, and the C library's math for the Gaussian formulas. Single
// values travel in a small ArrayBuffer of the caller's, passed on every call: PyRandom.gauss()
// makes one call per pair and boxing numbers in and out would dominate it. Every pointer is
// fetched from its argument during the call that writes through it, never kept: an array that JS
// detached or resized since the last call is seen as it is now (length 0 when detached) and
// refused, so no memory JS has given up is ever written.
#include <napi.h>

#include <cstdint>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "core/bindings.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "mt19937/mt19937_kernels.h"
#include "mt19937/torch_normal.h"

namespace seed_everything {
namespace {

// The typed array's elements, refusing any other element type: a wrong type or a misaligned
// view would otherwise be written through as if it were T.
template <typename T>
T* Elements(const Napi::Value& value, napi_typedarray_type want, napi_typedarray_type also, const char* name,
            size_t* length) {
  napi_env env = value.Env();
  napi_typedarray_type type;
  void* data = nullptr;
  napi_value buffer;
  size_t offset = 0;
  if (!value.IsTypedArray() || napi_get_typedarray_info(env, value, &type, length, &data, &buffer, &offset) != napi_ok ||
      (type != want && type != also)) {
    Throw(value.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", std::string(name) + " has the wrong typed-array type");
  }
  return static_cast<T*>(data);
}

// A fresh large typed array is untouched zero pages: the fill would take one page fault per 4 KiB,
// which costs more than generating the numbers. Asking for transparent huge pages first (as numpy
// does for its own arrays of 4 MiB and more) cuts that by 512. Only a hint: failure is harmless.
void AdviseHugePages(void* data, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr size_t kMinBytes = size_t{1} << 22;
  constexpr uintptr_t kPage = 4096;
  if (bytes < kMinBytes) return;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kPage - 1) & ~(kPage - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

uint32_t* StateWords(const Napi::CallbackInfo& info) {
  size_t length = 0;
  uint32_t* key = Elements<uint32_t>(info[0], napi_uint32_array, napi_uint32_array, "key", &length);
  if (length < static_cast<size_t>(mt19937::kN)) {
    Throw(info.Env(), "RangeError", "ERR_OUT_OF_RANGE", "key must hold 624 words");
  }
  return key;
}

int Position(const Napi::Value& value) {
  int32_t pos = ToInt32(value, "pos");
  if (pos < 0 || pos > mt19937::kN) Throw(value.Env(), "RangeError", "ERR_OUT_OF_RANGE", "pos must be in [0, 624]");
  return pos;
}

// The caller's argument slots: an ArrayBuffer of at least `count` doubles (an ArrayBuffer rather than
// a typed array because asking for its bytes is a third of the cost, and a scalar call is short).
double* Slots(const Napi::Value& value, size_t count = 2) {
  void* data = nullptr;
  size_t bytes = 0;
  if (napi_get_arraybuffer_info(value.Env(), value, &data, &bytes) != napi_ok) {
    Throw(value.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", "slots must be an ArrayBuffer");
  }
  if (bytes < count * sizeof(double) || data == nullptr || reinterpret_cast<uintptr_t>(data) % alignof(double) != 0) {
    Throw(value.Env(), "RangeError", "ERR_OUT_OF_RANGE", "slots must hold enough aligned doubles for the call (and not be detached)");
  }
  return static_cast<double*>(data);
}

// fillUint32(key, pos, out: Uint32Array | Int32Array), fillRes53(key, pos, out: Float64Array),
// fillFloat24(key, pos, out: Float32Array) -> pos: one MT19937 kernel over the whole array.
template <typename T, napi_typedarray_type kType, napi_typedarray_type kAlso, int (*Kernel)(uint32_t*, int, T*, size_t)>
Napi::Value FillWith(const Napi::CallbackInfo& info) {
  uint32_t* key = StateWords(info);
  int pos = Position(info[1]);
  size_t n = 0;
  T* out = Elements<T>(info[2], kType, kAlso, "out", &n);
  AdviseHugePages(out, n * sizeof(*out));
  return Napi::Number::New(info.Env(), Kernel(key, pos, out, n));
}

// fillLegacyGauss(key, pos, out: Float64Array, affine, loc, scale, slots: ArrayBuffer) -> pos; the cached
// spare is slots[0] (has, 0 or 1) and slots[1] (value), read and written back.
Napi::Value FillLegacyGauss(const Napi::CallbackInfo& info) {
  uint32_t* key = StateWords(info);
  int pos = Position(info[1]);
  size_t n = 0;
  double* out = Elements<double>(info[2], napi_float64_array, napi_float64_array, "out", &n);
  bool affine = info[3].IsBoolean() && info[3].As<Napi::Boolean>().Value();
  double loc = affine ? ToDouble(info[4], "loc") : 0.0;
  double scale = affine ? ToDouble(info[5], "scale") : 1.0;
  double* slots = Slots(info[6]);
  // The polar method rejects every pair of a state that only ever yields zeros: it would never return.
  if (n > 0 && mt19937::IsDegenerate(key)) {
    Throw(info.Env(), "RangeError", "ERR_INVALID_STATE", "the MT19937 state is all zero; it would only ever give zeros");
  }
  AdviseHugePages(out, n * sizeof(*out));
  mt19937::GaussCache cache;
  cache.has = slots[0] != 0.0;
  cache.value = slots[1];
  pos = mt19937::FillLegacyGauss(key, pos, &cache, out, n, affine, loc, scale);
  slots[0] = cache.has ? 1.0 : 0.0;
  slots[1] = cache.value;
  return Napi::Number::New(info.Env(), pos);
}

// pyGaussPair(slots: ArrayBuffer): slots[0] = u1, slots[1] = u2 -> slots[0] = returned value, slots[1] = spare
Napi::Value PyGaussPair(const Napi::CallbackInfo& info) {
  double* s = Slots(info[0]);
  mt19937::PyGaussPair(s[0], s[1], &s[0], &s[1]);
  return info.Env().Undefined();
}

// legacyGaussFactor(slots: ArrayBuffer): slots[0] = r2 -> slots[0] = sqrt(-2 log(r2) / r2)
Napi::Value LegacyGaussFactor(const Napi::CallbackInfo& info) {
  double* s = Slots(info[0]);
  s[0] = mt19937::LegacyGaussFactor(s[0]);
  return info.Env().Undefined();
}

// torchNormalPair(slots: ArrayBuffer): slots[0] = u1, slots[1] = u2 -> slots[0] = returned value, slots[1] = spare
Napi::Value TorchNormalPair(const Napi::CallbackInfo& info) {
  double* s = Slots(info[0]);
  torch_normal::Pair(s[0], s[1], &s[0], &s[1]);
  return info.Env().Undefined();
}

// torchFusedAffine(slots): slots[0] = x, slots[1] = std, slots[2] = mean -> slots[0] = fma(x, std, mean)
Napi::Value TorchFusedAffine(const Napi::CallbackInfo& info) {
  double* s = Slots(info[0], 3);
  s[0] = torch_normal::Affine(s[0], s[1], s[2], true);
  return info.Env().Undefined();
}

// torchNormalFill16(out: Float32Array of uniforms, vectorised, mean, std): every whole block of 16
Napi::Value TorchNormalFill16(const Napi::CallbackInfo& info) {
  size_t n = 0;
  float* out = Elements<float>(info[0], napi_float32_array, napi_float32_array, "out", &n);
  bool vectorised = info[1].ToBoolean();
  float mean = static_cast<float>(ToDouble(info[2], "mean"));
  float std = static_cast<float>(ToDouble(info[3], "std"));
  torch_normal::Fill16(out, n / 16, vectorised, mean, std);
  return info.Env().Undefined();
}

}  // namespace

void InitCompat(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {
      {"compatFillUint32", FillWith<uint32_t, napi_uint32_array, napi_int32_array, mt19937::FillUint32>},
      {"compatFillRes53", FillWith<double, napi_float64_array, napi_float64_array, mt19937::FillRes53>},
      {"compatFillFloat24", FillWith<float, napi_float32_array, napi_float32_array, mt19937::FillFloat24>},
      {"compatFillLegacyGauss", FillLegacyGauss},
      {"compatPyGaussPair", PyGaussPair},
      {"compatLegacyGaussFactor", LegacyGaussFactor},
      {"compatTorchNormalPair", TorchNormalPair},
      {"compatTorchFusedAffine", TorchFusedAffine},
      {"compatTorchNormalFill16", TorchNormalFill16},
  });
}

}  // namespace seed_everything
