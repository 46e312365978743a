// cuDNN convolutions on DeviceBuffers: algorithm selection under the process's flags, the three
// directions, and the raw perf lists `verify` reports. Runs synchronously on the calling thread.
#include <napi.h>

#include <map>
#include <memory>
#include <mutex>

#include "core/addon_data.h"
#include "core/bindings.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "core/library_errors.h"
#include "cuda/cudart_api.h"
#include "cudnn/conv_runner.h"
#include "cudnn/cudnn_js.h"
#include "state/process_state.h"

namespace seed_everything {
namespace {

[[noreturn]] void ThrowCudnn(Napi::Env env, int status, const std::string& what) {
  if (status == kGeometryMismatch) {
    Throw(env, "Error", "cudnn:CUDNN_STATUS_BAD_PARAM", what + ": cuDNN computes a different output shape");
  }
  std::string name = CudnnStatusName(status);
  Throw(env, "Error", "cudnn:" + name, what + " failed: " + name);
}

void CheckCudnn(Napi::Env env, int status, const std::string& what) {
  if (status != 0) ThrowCudnn(env, status, what);
}

// One cuDNN handle per device per environment, destroyed with the environment. cuDNN handles are
// not thread-safe, and a worker must not use one its parent may be using.
class HandleSet : public Closeable {
 public:
  static cudnnHandle_t For(Napi::Env env, int device) {
    AddonData* data = env.GetInstanceData<AddonData>();
    HandleSet* set;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& slot = sets_[data];
      if (slot == nullptr) {
        slot = new HandleSet(data);
        data->handles.Add(slot);
      }
      set = slot;
    }
    return set->Handle(env, device);
  }

  void CloseHandle() override {
    if (Cudnn().ok) {
      for (auto& entry : handles_) {
        if (Cudart().ok) Cudart().cudaSetDevice(entry.first);
        Cudnn().cudnnDestroy(entry.second);
      }
    }
    handles_.clear();
    data_->handles.Remove(this);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sets_.erase(data_);
    }
    delete this;  // owned by sets_; nothing touches `this` after this line
  }

 private:
  explicit HandleSet(AddonData* data) : data_(data) {}

  cudnnHandle_t Handle(Napi::Env env, int device) {
    auto it = handles_.find(device);
    if (it != handles_.end()) return it->second;
    cudnnHandle_t h = nullptr;
    CheckCudnn(env, Cudnn().cudnnCreate(&h), "cudnnCreate on device " + std::to_string(device));
    handles_[device] = h;
    return h;
  }

  AddonData* data_;
  std::map<int, cudnnHandle_t> handles_;
  static std::mutex mutex_;
  static std::map<AddonData*, HandleSet*> sets_;
};

std::mutex HandleSet::mutex_;
std::map<AddonData*, HandleSet*> HandleSet::sets_;

void RequireLibraries(Napi::Env env) {
  if (!Cudnn().ok) Throw(env, "Error", "ERR_CUDNN_UNAVAILABLE", "cuDNN is not usable: " + Cudnn().record.error);
  if (!Cudart().ok) Throw(env, "Error", "ERR_CUDA_UNAVAILABLE", "libcudart is not usable: " + Cudart().record.error);
}

// Everything one call needs: the device made current, a handle, descriptors for the key.
struct Prepared {
  cudnnHandle_t handle = nullptr;
  ConvDescriptors desc;
};

void Prepare(Napi::Env env, const ConvKey& key, Prepared* p) {
  RequireLibraries(env);
  int status = Cudart().cudaSetDevice(key.device);
  if (status != 0) ThrowCuda(env, status, "cudaSetDevice");
  p->handle = HandleSet::For(env, key.device);
  CheckCudnn(env, p->desc.Build(key), "building the convolution descriptors");
}

ConvKey KeyWithProcessFlags(const Napi::Value& v) {
  ConvKey key = KeyFromJs(v, false);
  key.deterministic = ProcessState::Get().cudnn_deterministic.load();
  key.benchmark = ProcessState::Get().cudnn_benchmark.load();
  return key;
}

size_t ElementBytes(const ConvKey& key) { return key.data_type == kCudnnDataHalf ? 2 : 4; }

size_t Elements(const std::array<int, 4>& dims) {
  size_t n = 1;
  for (int d : dims) n *= static_cast<size_t>(d);
  return n;
}

// Find*Ex runs every algorithm; when the caller has no buffers yet, scratch ones stand in.
struct ScratchTensors {
  DeviceScratch x, w, y;
  void Allocate(Napi::Env env, const ConvKey& key, ConvPointers* ptrs) {
    size_t e = ElementBytes(key);
    DeviceScratch* parts[] = {&x, &w, &y};
    size_t sizes[] = {Elements(key.input) * e, Elements(key.filter) * e, Elements(ConvOutputDims(key)) * e};
    for (int i = 0; i < 3; i++) {
      int status = parts[i]->Allocate(sizes[i]);
      if (status == 0) status = Cudart().cudaMemset(parts[i]->get(), 0, sizes[i]);
      if (status != 0) ThrowCuda(env, status, "allocating benchmark tensors");
    }
    *ptrs = ConvPointers{x.get(), w.get(), y.get()};
  }
};

ConvPointers PointersFromJs(const Napi::CallbackInfo& info, size_t first) {
  ConvPointers p;
  p.x = reinterpret_cast<void*>(ToU64(info[first], "x"));
  p.w = reinterpret_cast<void*>(ToU64(info[first + 1], "w"));
  p.y = reinterpret_cast<void*>(ToU64(info[first + 2], "y"));
  return p;
}

AlgoChoice Select(Napi::Env env, const ConvKey& key, Prepared* prep, const ConvPointers* given) {
  PerfContext ctx;
  ctx.handle = prep->handle;
  ctx.desc = &prep->desc;
  ScratchTensors scratch;
  AlgoChoice cached;
  bool need_buffers = key.benchmark && given == nullptr && !AlgoCache::Get().Lookup(key, &cached);
  if (given != nullptr) ctx.ptrs = *given;
  else if (need_buffers) scratch.Allocate(env, key, &ctx.ptrs);
  SelectResult r = ChooseAlgorithm(key, QueryPerf, &ctx);
  if (r.status != SelectStatus::kOk) ThrowSelectFailure(env, r);
  return r.choice;
}

// select(key): the algorithm the process's flags give for this convolution.
Napi::Value SelectJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ConvKey key = KeyWithProcessFlags(info[0]);
  Prepared prep;
  Prepare(env, key, &prep);
  return ChoiceToJs(env, Select(env, key, &prep, nullptr));
}

// convolve(key, x, w, y, algo): algo < 0 selects under the process's flags.
Napi::Value ConvolveJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ConvKey key = KeyWithProcessFlags(info[0]);
  ConvPointers ptrs = PointersFromJs(info, 1);
  int algo = ToInt32(info[4], "algo");
  if (algo >= AlgoCount(key.direction)) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "algo is out of range for this direction");
  Prepared prep;
  Prepare(env, key, &prep);
  AlgoChoice choice;
  if (algo < 0) {
    choice = Select(env, key, &prep, &ptrs);
  } else {
    choice.algo = algo;
    choice.deterministic = DocumentedDeterministic(key.direction, algo);
    choice.math_type = key.math_type;
    choice.source = AlgoSource::kDefault;
    size_t bytes = 0;
    CheckCudnn(env, WorkspaceSize(prep.handle, prep.desc, key.direction, algo, &bytes),
               "workspace size of algorithm " + std::to_string(algo));
    if (bytes > key.workspace_limit) {
      Throw(env, "Error", "ERR_CUDNN_WORKSPACE", "algorithm " + std::to_string(algo) + " needs " + std::to_string(bytes) +
                                                     " bytes of workspace, over the limit of " +
                                                     std::to_string(key.workspace_limit));
    }
    choice.workspace_bytes = bytes;
  }
  CheckCudnn(env, prep.desc.SetMathType(choice.math_type), "cudnnSetConvolutionMathType");
  DeviceScratch workspace;
  int status = workspace.Allocate(choice.workspace_bytes);
  if (status != 0) ThrowCuda(env, status, "cudaMalloc of " + std::to_string(choice.workspace_bytes) + " workspace bytes");
  CheckCudnn(env, RunConvolution(prep.handle, prep.desc, key.direction, choice.algo, ptrs, workspace.get(), workspace.size()),
             "convolution with algorithm " + std::to_string(choice.algo));
  // Asynchronous launch errors belong to this call, not to whichever call comes next.
  status = Cudart().cudaDeviceSynchronize();
  if (status != 0) ThrowCuda(env, status, "cudaDeviceSynchronize after the convolution");
  Napi::Object out = ChoiceToJs(env, choice);
  if (algo >= 0) out.Set("source", "explicit");
  return out;
}

// perfResults(key, x, w, y, 'heuristic' | 'benchmark'): cuDNN's own list, uncached, unfiltered.
Napi::Value PerfResultsJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ConvKey key = KeyWithProcessFlags(info[0]);
  ConvPointers ptrs = PointersFromJs(info, 1);
  std::string mode = info[4].IsString() ? info[4].As<Napi::String>().Utf8Value() : "";
  if (mode != "heuristic" && mode != "benchmark") Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "mode must be heuristic or benchmark");
  Prepared prep;
  Prepare(env, key, &prep);
  PerfContext ctx;
  ctx.handle = prep.handle;
  ctx.desc = &prep.desc;
  ctx.ptrs = ptrs;
  CudnnAlgoPerf perf[kMaxAlgoCount] = {};
  int count = 0;
  CheckCudnn(env, QueryPerf(&ctx, key, mode == "benchmark" ? PerfQuery::kBenchmark : PerfQuery::kHeuristic, perf, &count),
             mode == "benchmark" ? "cudnnFind*AlgorithmEx" : "cudnnGet*Algorithm_v7");
  Napi::Array out = Napi::Array::New(env, count);
  for (int i = 0; i < count && i < kMaxAlgoCount; i++) out.Set(static_cast<uint32_t>(i), PerfToJs(env, perf[i]));
  return out;
}

}  // namespace

void InitCudnn(Napi::Env env, Napi::Object exports) {
  InitCudnnSelect(env, exports);
  ExportFunctions(env, exports, {
      {"cudnnSelect", SelectJs},
      {"cudnnConvolve", ConvolveJs},
      {"cudnnPerfResults", PerfResultsJs},
  });
}

}  // namespace seed_everything
