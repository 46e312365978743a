#pragma once
// Throwing a CUDA or cuRAND failure by the library's own status name; lib/binding.ts turns
// "cuda:cudaError…" / "curand:CURAND_STATUS_…" into the ERR_CUDA_* / ERR_CURAND_* codes.
#include <napi.h>

#include <string>

namespace seed_everything {

[[noreturn]] void ThrowCuda(Napi::Env env, int status, const std::string& what);
[[noreturn]] void ThrowCurand(Napi::Env env, int status, const std::string& what);

}  // namespace seed_everything
