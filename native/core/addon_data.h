#pragma once
// Per-environment (main thread or worker) state. Process-wide truth lives in state/ instead.
#include <napi.h>

#include "core/handles.h"

namespace seed_everything {

struct AddonData {
  Napi::FunctionReference error_factory;
  HandleRegistry handles;  // closed when the environment ends
};

}  // namespace seed_everything
