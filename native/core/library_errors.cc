#include "core/library_errors.h"

#include "core/errors.h"
#include "cuda/cudart_api.h"
#include "curand/curand_api.h"

namespace seed_everything {

void ThrowCuda(Napi::Env env, int status, const std::string& what) {
  Throw(env, "Error", "cuda:" + CudaErrorName(status), what + " failed: " + CudaErrorName(status) + " (" + CudaErrorString(status) + ")");
}

void ThrowCurand(Napi::Env env, int status, const std::string& what) {
  Throw(env, "Error", std::string("curand:") + CurandStatusName(status), what + " failed: " + CurandStatusName(status));
}

}  // namespace seed_everything
