#pragma once
// An ObjectWrap over one native handle (a cuRAND generator, a device allocation) that is released
// exactly once, by whichever comes first: JS close(), the finalizer, or the environment's cleanup
// hook (HandleRegistry::CloseAll) when a worker or the main thread ends.
#include <napi.h>

#include <string>
#include <vector>

#include "core/addon_data.h"
#include "core/errors.h"
#include "core/handles.h"

namespace seed_everything {

template <typename T>
class ClosableWrap : public Napi::ObjectWrap<T>, public Closeable {
 public:
  using Property = typename Napi::ObjectWrap<T>::PropertyDescriptor;

  // Sets the class on `exports` under `name`, with close() added to `methods`.
  static void Export(Napi::Env env, Napi::Object exports, const char* name, std::vector<Property> methods) {
    methods.push_back(Napi::ObjectWrap<T>::InstanceMethod("close", &ClosableWrap::CloseJs));
    exports.Set(name, Napi::ObjectWrap<T>::DefineClass(env, name, methods));
  }

  explicit ClosableWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<T>(info) {}

  // The environment is ending: V8 goes with it, so nothing is reported to it.
  void CloseHandle() override { Close(false); }

 protected:
  // Frees the handle; called once, only after Track. `report`: V8 is still there to be told.
  virtual void Release(bool report) = 0;

  // The handle exists: from now on it is released by one of the three paths.
  void Track(Napi::Env env) {
    data_ = env.GetInstanceData<AddonData>();
    data_->handles.Add(this);
  }

  // Derived destructors call Close(true): by the time this base's destructor ran, Release would
  // be gone.
  void Close(bool report) {
    if (data_ == nullptr) return;
    data_->handles.Remove(this);
    data_ = nullptr;
    Release(report);
  }

  void RequireOpen(Napi::Env env, const char* what) const {
    if (data_ == nullptr) Throw(env, "Error", "ERR_CLOSED", std::string("the ") + what + " was closed");
  }

 private:
  Napi::Value CloseJs(const Napi::CallbackInfo& info) {
    Close(true);
    return info.Env().Undefined();
  }

  AddonData* data_ = nullptr;  // non-null while the handle is open
};

}  // namespace seed_everything
