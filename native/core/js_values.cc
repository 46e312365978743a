#include "core/js_values.h"

#include <cmath>

#include "core/errors.h"

namespace seed_everything {

uint64_t ToU64(const Napi::Value& value, const char* name) {
  Napi::Env env = value.Env();
  if (!value.IsBigInt()) Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", std::string(name) + " must be a bigint");
  bool lossless = false;
  uint64_t out = value.As<Napi::BigInt>().Uint64Value(&lossless);
  if (!lossless) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", std::string(name) + " must be a bigint in [0, 2^64)");
  return out;
}

int32_t ToInt32(const Napi::Value& value, const char* name) {
  Napi::Env env = value.Env();
  if (!value.IsNumber()) Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", std::string(name) + " must be a number");
  double d = value.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || std::floor(d) != d || d < INT32_MIN || d > INT32_MAX) {
    Throw(env, "RangeError", "ERR_OUT_OF_RANGE", std::string(name) + " must be a 32-bit integer");
  }
  return static_cast<int32_t>(d);
}

double ToDouble(const Napi::Value& value, const char* name) {
  if (!value.IsNumber()) Throw(value.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", std::string(name) + " must be a number");
  return value.As<Napi::Number>().DoubleValue();
}

Napi::BigInt FromU64(Napi::Env env, uint64_t value) { return Napi::BigInt::New(env, value); }

Napi::Object LibraryRecordToJs(Napi::Env env, const dso::LibraryRecord& record) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", record.name);
  o.Set("loaded", record.loaded);
  o.Set("path", record.path.empty() ? env.Null() : Napi::String::New(env, record.path));
  o.Set("origin", record.origin.empty() ? env.Null() : Napi::String::New(env, record.origin));
  o.Set("soname", record.soname.empty() ? env.Null() : Napi::String::New(env, record.soname));
  o.Set("version", record.version_text.empty() ? env.Null() : Napi::String::New(env, record.version_text));
  o.Set("versionNumber", record.version == 0 ? env.Null() : Napi::Number::New(env, record.version));
  o.Set("error", record.error.empty() ? env.Null() : Napi::String::New(env, record.error));
  Napi::Array attempts = Napi::Array::New(env, record.attempts.size());
  for (size_t i = 0; i < record.attempts.size(); ++i) {
    Napi::Object a = Napi::Object::New(env);
    a.Set("path", record.attempts[i].path);
    a.Set("origin", record.attempts[i].origin);
    a.Set("error", record.attempts[i].error.empty() ? env.Null() : Napi::String::New(env, record.attempts[i].error));
    attempts[i] = a;
  }
  o.Set("attempts", attempts);
  return o;
}

}  // namespace seed_everything

namespace seed_everything {

uint8_t* ViewBytes(const Napi::Value& value, size_t* byte_length) {
  napi_env env = value.Env();
  void* data = nullptr;
  if (value.IsTypedArray()) {
    napi_typedarray_type type;
    size_t length = 0;
    napi_value buffer;
    size_t offset = 0;
    if (napi_get_typedarray_info(env, value, &type, &length, &data, &buffer, &offset) == napi_ok) {
      *byte_length = value.As<Napi::TypedArray>().ByteLength();
      return static_cast<uint8_t*>(data);
    }
  } else if (value.IsDataView()) {
    napi_value buffer;
    size_t offset = 0;
    if (napi_get_dataview_info(env, value, byte_length, &data, &buffer, &offset) == napi_ok) {
      return static_cast<uint8_t*>(data);
    }
  }
  Throw(value.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", "expected a typed array or DataView");
}

}  // namespace seed_everything
