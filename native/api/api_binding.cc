// nativeApi(): the table as a type-tagged external, so that another addon can tell it from any
// other external before trusting the pointer (include/seed_everything/import.h).
#include <napi.h>

#include "api/api_table.h"
#include "core/bindings.h"
#include "core/errors.h"
#include "state/rendezvous.h"

namespace seed_everything {
namespace {

Napi::Value NativeApi(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const StateAttachment& state = Attachment();
  if (state.role == StateRole::kIncompatible) {
    // Its table would hand out Philox offsets from a state the owner's table does not see:
    // overlapping streams under the same type tag.
    Throw(env, "Error", "ERR_NATIVE_API_INCOMPATIBLE",
          "this copy of seed-everything (" + std::string(NativeApiTable().version) + ", state layout " + std::to_string(state.layout) + ", " +
              state.self_path + ") cannot share the process state owned by seed-everything " + state.owner_version + " (state layout " +
              std::to_string(state.owner_layout) + ", " + state.owner_path +
              "), so it refuses its native API table: use one version of seed-everything in the process (npm ls seed-everything, npm dedupe)");
  }
  static const napi_type_tag tag = {SE_API_TYPE_TAG_LOWER, SE_API_TYPE_TAG_UPPER};
  // The table is immortal, so the external needs no finalizer; a fresh one per call because a
  // value can be tagged only once.
  napi_value value = nullptr;
  if (napi_create_external(env, const_cast<se_api*>(&NativeApiTable()), nullptr, nullptr, &value) != napi_ok ||
      napi_type_tag_object(env, value, &tag) != napi_ok) {
    Throw(env, "Error", "ERR_NATIVE_API", "could not create the native API external");
  }
  return Napi::Value(env, value);
}

}  // namespace

void InitNativeApi(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {{"nativeApi", NativeApi}});
}

}  // namespace seed_everything
