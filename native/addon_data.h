#pragma once
// Per-environment (main thread or worker) state. Process-wide truth lives in state/ instead.
#include <napi.h>

#include <map>
#include <string>

#include "handles.h"

namespace seed_everything {

struct AddonData {
  Napi::FunctionReference error_factory;
  std::map<std::string, Napi::FunctionReference> classes;  // ObjectWrap constructors by name
  HandleRegistry handles;                                   // closed when the environment ends
  Napi::Reference<Napi::Float64Array> compat_scratch_ref;   // compat_binding.cc's argument slots
  double* compat_scratch = nullptr;
};

}  // namespace seed_everything
