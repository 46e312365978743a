// Async fills with a count: philoxFillNew(kind, count, ...) takes a block (philox_memory.h:
// cached or fresh, uninitialised) on a libuv worker and fills it there; the result is an external
// ArrayBuffer over that block, whose finalizer gives it back to the cache. No copy, nothing
// allocated, zeroed or unmapped on the JS thread. (An array the caller owns is filled in steps
// on the JS thread instead, lib/philox/philox.ts: no other thread may write it, since a transfer
// can detach it and free its memory whenever JS runs.)
#include <napi.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "core/bindings.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "philox/philox_memory.h"
#include "philox/philox_request.h"

namespace seed_everything {
namespace {

namespace px = seed_everything::philox;

void Reject(Napi::Promise::Deferred& d, const char* kind, const char* code, const std::string& message) {
  ErrorInfo e;
  e.kind = kind;
  e.code = code;
  e.message = message;
  d.Reject(MakeError(d.Env(), e));
}

// Node copies an external ArrayBuffer that is transferred (postMessage, structuredClone) instead
// of moving it (test/philox/async-blocks.test.ts), so this finalizer is the only way a block leaves
// its result: no array can reach the memory once it runs.
void GiveBack(napi_env, void* data, void* capacity) { px::GiveBlock(data, reinterpret_cast<uintptr_t>(capacity)); }

class NewArrayWorker : public Napi::AsyncWorker {
 public:
  NewArrayWorker(Napi::Env env, const px::FillRequest& r, unsigned threads)
      : Napi::AsyncWorker(env), request_(r), threads_(threads), bytes_(r.count * ElementBytes(r.kind)),
        deferred_(Napi::Promise::Deferred::New(env)) {}
  ~NewArrayWorker() override { px::GiveBlock(memory_, capacity_); }

  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    memory_ = px::TakeBlock(bytes_, &capacity_);
    if (memory_ == nullptr) return;
    request_.out = memory_;
    px::Fill(request_, threads_);
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (memory_ == nullptr)
      return Reject(deferred_, "RangeError", "ERR_OUT_OF_MEMORY", "cannot allocate " + std::to_string(bytes_) + " bytes for an async Philox fill");
    napi_value buffer = nullptr;
    if (napi_create_external_arraybuffer(env, memory_, bytes_, GiveBack, reinterpret_cast<void*>(uintptr_t(capacity_)), &buffer) == napi_ok) {
      memory_ = nullptr;  // the ArrayBuffer's finalizer owns it now
    } else {
      // Runtimes that refuse external memory (a V8 sandbox): one copy, the only way there.
      void* data = nullptr;
      if (napi_create_arraybuffer(env, bytes_, &data, &buffer) != napi_ok)
        return Reject(deferred_, "RangeError", "ERR_OUT_OF_MEMORY", "cannot allocate " + std::to_string(bytes_) + " bytes for an async Philox fill");
      std::memcpy(data, memory_, bytes_);
    }
    napi_value array = nullptr;
    if (napi_create_typedarray(env, ArrayType(request_.kind), request_.count, buffer, 0, &array) != napi_ok)
      return Reject(deferred_, "Error", "ERR_INTERNAL", "cannot create the result array");
    deferred_.Resolve(Napi::Value(env, array));
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  px::FillRequest request_;
  unsigned threads_;
  size_t bytes_;
  size_t capacity_ = 0;
  void* memory_ = nullptr;
  Napi::Promise::Deferred deferred_;
};

Napi::Value FillNew(const Napi::CallbackInfo& info) {
  unsigned threads = 0;
  const px::FillRequest r = ReadRequest(info, &threads);
  if (r.out != nullptr) Throw(info.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", "philoxFillNew takes a count");
  auto* worker = new NewArrayWorker(info.Env(), r, threads);
  Napi::Promise p = worker->Promise();
  worker->Queue();
  return p;
}

}  // namespace

void InitPhiloxAsync(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {
      {"philoxFillNew", FillNew},
  });
  // Cached blocks are not in use by anything; an environment that ends gives them up.
  env.AddCleanupHook([] { px::DrainBlocks(); });
}

}  // namespace seed_everything
