#include "cuda/use_device.h"

#include "core/errors.h"
#include "core/library_errors.h"
#include "cuda/cudart_api.h"

namespace seed_everything {

void UseDevice(Napi::Env env, int device) {
  const CudartApi& rt = Cudart();
  if (!rt.ok) Throw(env, "Error", "ERR_LIBRARY_LOAD", "libcudart is not usable: " + rt.record.error);
  int status = rt.cudaSetDevice(device);
  if (status != 0) ThrowCuda(env, status, "cudaSetDevice");
}

}  // namespace seed_everything
