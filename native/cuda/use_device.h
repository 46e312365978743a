#pragma once
#include <napi.h>

namespace seed_everything {

// cudaSetDevice(device), or ERR_LIBRARY_LOAD / ERR_CUDA_* when it cannot be done.
void UseDevice(Napi::Env env, int device);

}  // namespace seed_everything
