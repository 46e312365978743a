// Thin bridge to the CPU Philox engine (native/philox/). lib/philox.ts validates everything;
// the checks here only keep direct callers of the .node from corrupting memory.
#include <napi.h>

#include <cstring>
#include <string>

#include "core/bindings.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "philox/philox_engine.h"
#include "philox/philox_memory.h"
#include "philox/philox_pool.h"
#include "philox/philox_request.h"

namespace seed_everything {
namespace {

namespace px = seed_everything::philox;

bool ParseKind(const std::string& name, px::Kind* kind) {
  static const struct {
    const char* name;
    px::Kind kind;
  } kKinds[] = {{"u32", px::Kind::kUint32},           {"uniform", px::Kind::kFloat},
                {"uniformDouble", px::Kind::kDouble}, {"normal", px::Kind::kNormalFloat},
                {"normalDouble", px::Kind::kNormalDouble}, {"logNormal", px::Kind::kLogNormalFloat},
                {"logNormalDouble", px::Kind::kLogNormalDouble}};
  for (const auto& k : kKinds) {
    if (name == k.name) {
      *kind = k.kind;
      return true;
    }
  }
  return false;
}


// A stream position: a bigint in [0, kPositionLimit], which lies past 2^64.
px::Position ToPosition(const Napi::Value& value, const char* name) {
  Napi::Env env = value.Env();
  if (!value.IsBigInt()) Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", std::string(name) + " must be a bigint");
  int sign = 0;
  size_t n = 2;
  uint64_t words[2] = {0, 0};
  napi_status st = napi_get_value_bigint_words(env, value, &sign, &n, words);
  // With room for two words n is then the count the value really needs (it may exceed 2).
  if (st != napi_ok || sign != 0 || n > 2) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", std::string(name) + " must be a bigint in [0, 2^65]");
  const px::Position p = (px::Position(words[1]) << 64) | words[0];
  if (p > px::kPositionLimit) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", std::string(name) + " must be a bigint in [0, 2^65]");
  return p;
}

void CheckEnd(Napi::Env env, px::Position offset, size_t count) {
  if (count > px::kPositionLimit - offset) Throw(env, "RangeError", "ERR_PHILOX_EXHAUSTED", "the fill would pass stream position 2^65");
}

}  // namespace

size_t ElementBytes(px::Kind kind) {
  return kind == px::Kind::kDouble || kind == px::Kind::kNormalDouble || kind == px::Kind::kLogNormalDouble ? 8 : 4;
}

napi_typedarray_type ArrayType(px::Kind kind) {
  return ElementBytes(kind) == 8 ? napi_float64_array : kind == px::Kind::kUint32 ? napi_uint32_array : napi_float32_array;
}

px::FillRequest ReadRequest(const Napi::CallbackInfo& info, unsigned* threads) {
  Napi::Env env = info.Env();
  px::FillRequest r;
  const std::string kind = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : std::string();
  if (!ParseKind(kind, &r.kind)) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "unknown Philox output kind " + kind);
  if (info[1].IsNumber()) {
    const double n = info[1].As<Napi::Number>().DoubleValue();
    if (!(n >= 0 && n <= 4294967296.0) || n != (double)(uint64_t)n) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "count must be an integer in [0, 2^32]");
    r.count = (size_t)n;
  } else {
    if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != ArrayType(r.kind))
      Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "out has the wrong typed-array type for " + kind);
    size_t bytes = 0;
    r.out = ViewBytes(info[1], &bytes);
    r.count = bytes / ElementBytes(r.kind);
  }
  r.seed = ToU64(info[2], "seed");
  r.offset = ToPosition(info[3], "offset");
  r.anchor = ToU64(info[4], "anchor");
  r.mean = ToDouble(info[5], "mean");
  r.stddev = ToDouble(info[6], "std");
  CheckEnd(env, r.offset, r.count);
  const int32_t t = ToInt32(info[7], "threads");
  if (t < 0) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "threads must be >= 0");
  *threads = static_cast<unsigned>(t);
  return r;
}

namespace {

Napi::Value Fill(const Napi::CallbackInfo& info) {
  unsigned threads = 0;
  const px::FillRequest r = ReadRequest(info, &threads);
  if (r.out == nullptr) Throw(info.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", "out must be a typed array");
  px::Fill(r, threads);
  return info.Env().Undefined();
}

// philoxFillRes53(out: Float64Array, seed, offset): out[k] = ((w[2k] >> 5)·2^26 + (w[2k+1] >> 6))·2^-53
// for the 32-bit stream w starting at `offset` — the 53-bit doubles CPython and numpy make. The
// words are written into the array's own memory and turned into doubles in place.
Napi::Value FillRes53(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "out must be a Float64Array");
  size_t bytes = 0;
  uint8_t* memory = ViewBytes(info[0], &bytes);
  px::FillRequest r;
  r.kind = px::Kind::kUint32;
  r.seed = ToU64(info[1], "seed");
  r.offset = ToPosition(info[2], "offset");
  r.out = memory;
  r.count = bytes / 8 * 2;
  CheckEnd(env, r.offset, r.count);
  if (r.count == 0) return env.Undefined();
  px::Fill(r, 1);
  px::WordsToRes53(memory, r.count * 4);
  return env.Undefined();
}

// philoxAdviseHugePages(out): huge pages for a large output before it is filled (the rule for
// when is lib/philox/philox.ts's).
Napi::Value AdviseHugePages(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray()) Throw(info.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", "out must be a typed array");
  size_t bytes = 0;
  uint8_t* memory = ViewBytes(info[0], &bytes);
  if (memory != nullptr) px::AdviseHugePages(memory, bytes);
  return info.Env().Undefined();
}

px::Simd SimdArg(const Napi::Value& v) {
  px::Simd s;
  if (!v.IsString() || !px::ParseSimd(v.As<Napi::String>().Utf8Value(), &s))
    Throw(v.Env(), "RangeError", "ERR_OUT_OF_RANGE", "SIMD path must be 'scalar', 'avx2' or 'avx512'");
  return s;
}

// philoxSimd(): the active path; philoxSimd(name): force it; philoxSimd(null): back to the best.
Napi::Value Simd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() > 0 && info[0].IsNull()) px::ResetSimd();
  else if (info.Length() > 0 && !info[0].IsUndefined()) {
    std::string why;
    const px::Simd s = SimdArg(info[0]);
    if (!px::ForceSimd(s, &why)) Throw(env, "Error", "ERR_PHILOX_SIMD_UNSUPPORTED", why);
  }
  return Napi::String::New(env, px::SimdName(px::ActiveSimd()));
}

Napi::Value SimdSupported(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), px::SimdSupported(SimdArg(info[0])));
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("threadThreshold", Napi::Number::New(env, (double)px::ThreadThreshold()));
  o.Set("hardwareThreads", Napi::Number::New(env, px::HardwareThreads()));
  o.Set("poolThreads", Napi::Number::New(env, px::PoolThreads()));
  o.Set("calibrated", Napi::Boolean::New(env, px::Calibrated()));
  o.Set("cachedBlockBytes", Napi::Number::New(env, (double)px::CachedBlockBytes()));
  return o;
}

}  // namespace

void InitPhilox(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {
      {"philoxFill", Fill},
      {"philoxFillRes53", FillRes53},
      {"philoxSimd", Simd},
      {"philoxSimdSupported", SimdSupported},
      {"philoxInfo", Info},
      {"philoxAdviseHugePages", AdviseHugePages},
  });
  InitPhiloxAsync(env, exports);
}

}  // namespace seed_everything
