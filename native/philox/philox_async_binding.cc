// Async fills. Nothing large is allocated, zeroed or copied on the JS thread in one go:
// - philoxFillNew(kind, count, ...): a worker takes a block (philox_memory.h: cached or fresh,
//   uninitialised) and fills it; the result is an external ArrayBuffer over that block, whose
//   finalizer gives it back to the cache. No copy, and nothing unmapped on the JS thread.
// - an array the caller owns cannot be written from another thread: a transfer
//   (postMessage, ArrayBuffer.prototype.transfer) can detach it and free its memory at any
//   moment. So a job fills slices of kSliceBytes into kSliceDepth slots the addon owns, off the
//   JS thread, while the JS thread copies finished slices into the array (philoxSliceCopy), one
//   call a slice, checking first that the array still has its memory. Several slices are filled
//   ahead, so the copy never waits for a fill that could have started earlier.
#include <napi.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <cstring>
#include <memory>
#include <string>

#include "core/bindings.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "philox/philox_memory.h"
#include "philox/philox_request.h"

namespace seed_everything {
namespace {

namespace px = seed_everything::philox;

// 4 MiB: copying it takes well under a millisecond, and the slot stays in the last-level cache
// between its fill and its copy.
constexpr size_t kSliceBytes = px::kSlotBytes;
// Slots per job: enough fills in flight to keep every core busy while the JS thread copies.
constexpr size_t kSliceDepth = 4;

void Reject(Napi::Promise::Deferred& d, const char* kind, const char* code, const std::string& message) {
  ErrorInfo e;
  e.kind = kind;
  e.code = code;
  e.message = message;
  d.Reject(MakeError(d.Env(), e));
}

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

// A sliced fill into a caller's array. Slot states change only on the JS thread; a worker only
// writes the memory of a slot marked filling, which no copy reads until its fill has resolved.
// A slot goes back to the shared ones as soon as its job needs it no more (its last slice was
// copied, or the copy failed), not when the job's handle is collected: a new job then takes
// memory already faulted in instead of mapping fresh pages.
struct SliceJob {
  static constexpr long kIdle = -1, kFilling = -2;
  px::FillRequest request;  // the whole fill; out is null
  unsigned threads = 0;
  size_t slice = 0;         // elements per slice
  size_t slices = 0;
  bool failed = false;  // a copy found the array detached: no slot is refilled
  void* slot[kSliceDepth] = {};
  long state[kSliceDepth];  // kIdle, kFilling, or the slice it holds
  SliceJob() { std::fill(std::begin(state), std::end(state), kIdle); }
  ~SliceJob() {
    for (void* s : slot) px::GiveSlot(s);
  }
  size_t Count(size_t i) const { return std::min(slice, request.count - i * slice); }
  void Release(size_t k) {
    px::GiveSlot(slot[k]);
    slot[k] = nullptr;
    state[k] = kIdle;
  }
};

using JobRef = std::shared_ptr<SliceJob>;

JobRef& JobArg(const Napi::Value& v) {
  if (!v.IsExternal()) Throw(v.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", "job must be a Philox slice job");
  return *v.As<Napi::External<JobRef>>().Data();
}

size_t SliceArg(const SliceJob& job, const Napi::Value& v) {
  const double i = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : -1;
  if (!(i >= 0 && i < (double)job.slices) || i != (double)(size_t)i) Throw(v.Env(), "RangeError", "ERR_OUT_OF_RANGE", "no such slice");
  return (size_t)i;
}

Napi::Value SliceJobNew(const Napi::CallbackInfo& info) {
  auto job = std::make_shared<SliceJob>();
  job->request = ReadRequest(info, &job->threads);
  if (job->request.out != nullptr || job->request.count == 0)
    Throw(info.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", "a slice job takes a count above 0");
  job->slice = kSliceBytes / ElementBytes(job->request.kind);
  job->slices = (job->request.count + job->slice - 1) / job->slice;
  return Napi::External<JobRef>::New(info.Env(), new JobRef(std::move(job)), [](Napi::Env, JobRef* ref) { delete ref; });
}

class SliceWorker : public Napi::AsyncWorker {
 public:
  SliceWorker(Napi::Env env, JobRef job, size_t index)
      : Napi::AsyncWorker(env), job_(std::move(job)), index_(index), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    void*& slot = job_->slot[index_ % kSliceDepth];
    if (slot == nullptr) slot = px::TakeSlot();
    if (slot == nullptr) return;
    px::FillRequest part = job_->request;
    part.offset += px::Position(index_) * job_->slice;
    part.count = job_->Count(index_);
    part.out = slot;
    px::Fill(part, job_->threads);
  }
  void OnOK() override {
    const bool ok = job_->slot[index_ % kSliceDepth] != nullptr;
    job_->state[index_ % kSliceDepth] = ok ? long(index_) : SliceJob::kIdle;
    if (job_->failed) job_->Release(index_ % kSliceDepth);
    if (!ok) return Reject(deferred_, "RangeError", "ERR_OUT_OF_MEMORY", "cannot allocate a slot for an async Philox fill");
    deferred_.Resolve(Env().Undefined());
  }
  void OnError(const Napi::Error& e) override {
    job_->Release(index_ % kSliceDepth);
    deferred_.Reject(e.Value());
  }

 private:
  JobRef job_;
  size_t index_;
  Napi::Promise::Deferred deferred_;
};

// philoxSliceFill(job, i): fills slice i into slot i % kSliceDepth, off the JS thread.
Napi::Value SliceFill(const Napi::CallbackInfo& info) {
  JobRef& job = JobArg(info[0]);
  const size_t i = SliceArg(*job, info[1]);
  if (job->failed || job->state[i % kSliceDepth] != SliceJob::kIdle) Throw(info.Env(), "Error", "ERR_INVALID_STATE", "that slot is in use");
  job->state[i % kSliceDepth] = SliceJob::kFilling;
  auto* worker = new SliceWorker(info.Env(), job, i);
  Napi::Promise p = worker->Promise();
  worker->Queue();
  return p;
}

bool Attached(const Napi::Value& array) {
  napi_env env = array.Env();
  napi_value buffer = nullptr;
  if (napi_get_typedarray_info(env, array, nullptr, nullptr, nullptr, &buffer, nullptr) != napi_ok) return false;
  bool detached = true;
  return napi_is_detached_arraybuffer(env, buffer, &detached) == napi_ok && !detached;
}

// philoxSliceCopy(job, out, i): copies filled slice i into `out`, which must still have the
// memory of the whole fill; frees the slot for the next fill.
Napi::Value SliceCopy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  JobRef& job = JobArg(info[0]);
  const size_t i = SliceArg(*job, info[2]);
  if (job->state[i % kSliceDepth] != long(i)) Throw(env, "Error", "ERR_INVALID_STATE", "that slice is not filled");
  const Napi::Value out = info[1];
  if (!out.IsTypedArray() || out.As<Napi::TypedArray>().TypedArrayType() != ArrayType(job->request.kind))
    Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "out has the wrong typed-array type");
  const size_t size = ElementBytes(job->request.kind);
  size_t bytes = 0;
  uint8_t* memory = Attached(out) ? ViewBytes(out, &bytes) : nullptr;
  if (memory == nullptr || bytes != job->request.count * size) {
    job->failed = true;
    for (size_t k = 0; k < kSliceDepth; ++k) {
      if (job->state[k] != SliceJob::kFilling) job->Release(k);
    }
    Throw(env, "Error", "ERR_DETACHED_BUFFER", "the output array's buffer was transferred or resized before the async Philox fill completed");
  }
  px::CopyStreaming(memory + i * job->slice * size, job->slot[i % kSliceDepth], job->Count(i) * size);
  if (i + kSliceDepth >= job->slices) job->Release(i % kSliceDepth);
  else job->state[i % kSliceDepth] = SliceJob::kIdle;
  return env.Undefined();
}

}  // namespace

void InitPhiloxAsync(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {
      {"philoxFillNew", FillNew},
      {"philoxSliceJob", SliceJobNew},
      {"philoxSliceFill", SliceFill},
      {"philoxSliceCopy", SliceCopy},
  });
  exports.Set("philoxSliceBytes", Napi::Number::New(env, (double)kSliceBytes));
  exports.Set("philoxSliceDepth", Napi::Number::New(env, (double)kSliceDepth));
  // Cached blocks are not in use by anything; an environment that ends gives them up.
  env.AddCleanupHook([] { px::DrainBlocks(); });
}

}  // namespace seed_everything
