#include "library_errors.h"

#include "cuda/cudart_api.h"
#include "curand/curand_api.h"
#include "errors.h"

namespace seed_everything {

void ThrowCuda(Napi::Env env, int status, const std::string& what) {
  Throw(env, "Error", "cuda:" + CudaErrorName(status), what + " failed: " + CudaErrorName(status) + " (" + CudaErrorString(status) + ")");
}

void ThrowCurand(Napi::Env env, int status, const std::string& what) {
  Throw(env, "Error", std::string("curand:") + CurandStatusName(status), what + " failed: " + CurandStatusName(status));
}

void UseDevice(Napi::Env env, int device) {
  const CudartApi& rt = Cudart();
  if (!rt.ok) Throw(env, "Error", "ERR_LIBRARY_LOAD", "libcudart is not usable: " + rt.record.error);
  int status = rt.cudaSetDevice(device);
  if (status != 0) ThrowCuda(env, status, "cudaSetDevice");
}

}  // namespace seed_everything
