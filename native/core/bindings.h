#pragma once
// One Init function per native concept; addon.cc calls each once per environment.
#include <napi.h>

#include <initializer_list>

namespace seed_everything {

struct Export {
  const char* name;  // the property on exports and the function's own .name
  Napi::Value (*function)(const Napi::CallbackInfo&);
};

inline void ExportFunctions(Napi::Env env, Napi::Object exports, std::initializer_list<Export> functions) {
  for (const Export& e : functions) exports.Set(e.name, Napi::Function::New(env, e.function, e.name));
}

void InitErrors(Napi::Env env, Napi::Object exports);
void InitDoctor(Napi::Env env, Napi::Object exports);
void InitState(Napi::Env env, Napi::Object exports);
void InitCurand(Napi::Env env, Napi::Object exports);
void InitDeviceBuffer(Napi::Env env, Napi::Object exports);
void InitCudaRng(Napi::Env env, Napi::Object exports);
void InitNativeApi(Napi::Env env, Napi::Object exports);
void InitCudnn(Napi::Env env, Napi::Object exports);
void InitCompat(Napi::Env env, Napi::Object exports);
void InitPhilox(Napi::Env env, Napi::Object exports);

}  // namespace seed_everything
