#pragma once
// Per-environment (main thread or worker) state. Process-wide truth lives in state/ instead.
#include <napi.h>

#include <map>
#include <string>

#include "core/handles.h"

namespace seed_everything {

struct AddonData {
  Napi::FunctionReference error_factory;
  std::map<std::string, Napi::FunctionReference> classes;  // ObjectWrap constructors by name
  HandleRegistry handles;                                   // closed when the environment ends
};

}  // namespace seed_everything
