#pragma once
// One Init function per native concept; addon.cc calls each once per environment.
#include <napi.h>

namespace seed_everything {

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
