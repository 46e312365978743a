#pragma once
// JS <-> C++ conversions for convolution keys, perf results and choices, shared by the cuDNN
// bindings. lib/cudnn-conv.ts validated everything; these checks only stop direct misuse.
#include <napi.h>

#include <vector>

#include "cudnn/algo_cache.h"
#include "cudnn/select.h"

namespace seed_everything {

ConvDirection DirectionFromJs(const Napi::Value& value);
// Flags are read from the object only when `with_flags`; real calls take the process's flags.
ConvKey KeyFromJs(const Napi::Value& value, bool with_flags);
Napi::Object KeyToJs(Napi::Env env, const ConvKey& key);
Napi::Object ChoiceToJs(Napi::Env env, const AlgoChoice& choice);
Napi::Object PerfToJs(Napi::Env env, const CudnnAlgoPerf& perf);
std::vector<CudnnAlgoPerf> PerfListFromJs(const Napi::Value& value);
[[noreturn]] void ThrowSelectFailure(Napi::Env env, const SelectResult& result);

// The selection rules and the cache, reachable without a GPU (tests, tools).
void InitCudnnSelect(Napi::Env env, Napi::Object exports);

}  // namespace seed_everything
