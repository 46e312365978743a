#include "core/errors.h"

#include "core/addon_data.h"
#include "core/bindings.h"

namespace seed_everything {

Napi::Value MakeError(Napi::Env env, const ErrorInfo& info) {
  AddonData* data = env.GetInstanceData<AddonData>();
  if (data != nullptr && !data->error_factory.IsEmpty()) {
    return data->error_factory.Call({Napi::String::New(env, info.kind), Napi::String::New(env, info.code),
                                     Napi::String::New(env, info.message)});
  }
  // Before lib/binding.ts registered its factory (only a direct require of the .node does that).
  Napi::Error err = info.kind == "TypeError"    ? Napi::TypeError::New(env, info.message)
                    : info.kind == "RangeError" ? Napi::RangeError::New(env, info.message)
                                                : Napi::Error::New(env, info.message);
  err.Set("code", Napi::String::New(env, info.code));
  return err.Value();
}

void Throw(Napi::Env env, const ErrorInfo& info) {
  throw Napi::Error(env, MakeError(env, info));
}

void Throw(Napi::Env env, const char* kind, const std::string& code, const std::string& message) {
  Throw(env, ErrorInfo{kind, code, message});
}

static Napi::Value SetErrorFactory(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsFunction()) {
    Throw(info.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", "setErrorFactory expects a function");
  }
  AddonData* data = info.Env().GetInstanceData<AddonData>();
  data->error_factory = Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

void InitErrors(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {{"setErrorFactory", SetErrorFactory}});
}

}  // namespace seed_everything
