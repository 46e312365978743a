// Thin bridge to the CPU Philox engine (native/philox/). lib/philox.ts validates everything;
// the checks here only keep direct callers of the .node from corrupting memory.
#include <napi.h>

#include <cstring>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
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

// Turns the words of `bytes` (a multiple of 8) into res53 doubles in place: double k occupies
// exactly the bytes of words 2k and 2k + 1. Every step is exact (the sum is below 2^53), so the
// vector and scalar forms give the same bits. Per draw of a 4096-double refill on the 2-core EPYC
// (measured back to back): words 1.15–1.19 ns, the conversion 0.79 ns scalar, 0.41 SSE2, 0.23 AVX2.
#if defined(__x86_64__) && defined(__GNUC__)
// Four doubles a step where the CPU has AVX2 (the addon's baseline is SSE2); returns the bytes done.
__attribute__((target("avx2"))) size_t WordsToRes53Avx2(uint8_t* memory, size_t bytes) {
  const __m256d scale = _mm256_set1_pd(67108864.0), unit = _mm256_set1_pd(1.0 / 9007199254740992.0);
  const __m256i even = _mm256_setr_epi32(0, 2, 4, 6, 0, 0, 0, 0), odd = _mm256_setr_epi32(1, 3, 5, 7, 0, 0, 0, 0);
  size_t at = 0;
  for (; at + 32 <= bytes; at += 32) {
    const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(memory + at));
    const __m128i hi = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_srli_epi32(w, 5), even));
    const __m128i lo = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_srli_epi32(w, 6), odd));
    const __m256d d = _mm256_mul_pd(_mm256_add_pd(_mm256_mul_pd(_mm256_cvtepi32_pd(hi), scale), _mm256_cvtepi32_pd(lo)), unit);
    _mm256_storeu_pd(reinterpret_cast<double*>(memory + at), d);
  }
  return at;
}
// A static initializer may run before libgcc's own: initialise the CPU model first.
const bool kHasAvx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();
#endif

void WordsToRes53(uint8_t* memory, size_t bytes) {
  size_t at = 0;
#if defined(__x86_64__) && defined(__GNUC__)
  if (kHasAvx2) at = WordsToRes53Avx2(memory, bytes);
#endif
#if defined(__x86_64__)
  const __m128d scale = _mm_set1_pd(67108864.0), unit = _mm_set1_pd(1.0 / 9007199254740992.0);
  for (; at + 16 <= bytes; at += 16) {
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(memory + at));
    // Lanes 0 and 2 give the high parts (>> 5), lanes 1 and 3 the low parts (>> 6).
    const __m128i hi = _mm_shuffle_epi32(_mm_srli_epi32(w, 5), _MM_SHUFFLE(3, 1, 2, 0));
    const __m128i lo = _mm_shuffle_epi32(_mm_srli_epi32(w, 6), _MM_SHUFFLE(2, 0, 3, 1));
    const __m128d d = _mm_mul_pd(_mm_add_pd(_mm_mul_pd(_mm_cvtepi32_pd(hi), scale), _mm_cvtepi32_pd(lo)), unit);
    _mm_storeu_pd(reinterpret_cast<double*>(memory + at), d);
  }
#endif
  for (; at + 8 <= bytes; at += 8) {
    uint32_t w[2];
    std::memcpy(w, memory + at, 8);
    const double d = (static_cast<double>(w[0] >> 5) * 67108864.0 + static_cast<double>(w[1] >> 6)) * (1.0 / 9007199254740992.0);
    std::memcpy(memory + at, &d, 8);
  }
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
  WordsToRes53(memory, r.count * 4);
  return env.Undefined();
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
  });
  InitPhiloxAsync(env, exports);
}

}  // namespace seed_everything
