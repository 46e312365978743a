// Entry point: per-environment instance data and each concept's bindings. Loads no CUDA library;
// those are opened on first use (dso/).
#include <napi.h>

#include "core/addon_data.h"
#include "core/bindings.h"

namespace seed_everything {

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto* data = new AddonData();
  // Node deletes the instance data after the environment's cleanup hooks; close handles first so
  // that no generator or device buffer outlives the worker that made it.
  env.SetInstanceData<AddonData>(data);
  env.AddCleanupHook([data]() { data->handles.CloseAll(); });

  InitErrors(env, exports);
  InitDoctor(env, exports);
  InitState(env, exports);
  InitCurand(env, exports);
  InitDeviceBuffer(env, exports);
  InitCudaRng(env, exports);
  InitNativeApi(env, exports);
  InitCudnn(env, exports);
  InitCompat(env, exports);
  InitPhilox(env, exports);
  return exports;
}

}  // namespace seed_everything

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return seed_everything::Init(env, exports); }

NODE_API_MODULE(NODE_GYP_MODULE_NAME, InitAddon)
