#include "cudnn/cudnn_js.h"

#include <cmath>

#include "core/bindings.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "cudnn/conv_runner.h"

namespace seed_everything {
namespace {

Napi::Object ObjectArg(const Napi::Value& value, const char* name) {
  if (!value.IsObject()) Throw(value.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", std::string(name) + " must be an object");
  return value.As<Napi::Object>();
}

template <size_t N>
std::array<int, N> IntArray(const Napi::Object& obj, const char* name) {
  Napi::Value v = obj.Get(name);
  if (!v.IsArray() || v.As<Napi::Array>().Length() != N) {
    Throw(obj.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", std::string(name) + " must be an array of " + std::to_string(N));
  }
  std::array<int, N> out{};
  Napi::Array a = v.As<Napi::Array>();
  for (uint32_t i = 0; i < N; i++) out[i] = ToInt32(a.Get(i), name);
  return out;
}

size_t SizeArg(const Napi::Value& v, const char* name) {
  double d = ToDouble(v, name);
  if (!(d >= 0) || d > 9007199254740991.0 || std::floor(d) != d) {
    Throw(v.Env(), "RangeError", "ERR_OUT_OF_RANGE", std::string(name) + " must be a non-negative safe integer");
  }
  return static_cast<size_t>(d);
}

bool BoolField(const Napi::Object& obj, const char* name) {
  Napi::Value v = obj.Get(name);
  if (!v.IsBoolean()) Throw(obj.Env(), "TypeError", "ERR_INVALID_ARG_TYPE", std::string(name) + " must be a boolean");
  return v.As<Napi::Boolean>();
}

template <size_t N>
Napi::Array ToJsArray(Napi::Env env, const std::array<int, N>& values) {
  Napi::Array a = Napi::Array::New(env, N);
  for (uint32_t i = 0; i < N; i++) a.Set(i, values[i]);
  return a;
}

}  // namespace

ConvDirection DirectionFromJs(const Napi::Value& value) {
  int d = ToInt32(value, "direction");
  if (d < 0 || d > 2) Throw(value.Env(), "RangeError", "ERR_OUT_OF_RANGE", "direction must be 0, 1 or 2");
  return static_cast<ConvDirection>(d);
}

ConvKey KeyFromJs(const Napi::Value& value, bool with_flags) {
  Napi::Object o = ObjectArg(value, "key");
  ConvKey k;
  k.direction = DirectionFromJs(o.Get("direction"));
  k.device = ToInt32(o.Get("device"), "device");
  k.data_type = ToInt32(o.Get("dataType"), "dataType");
  k.layout = ToInt32(o.Get("layout"), "layout");
  k.math_type = ToInt32(o.Get("mathType"), "mathType");
  k.groups = ToInt32(o.Get("groups"), "groups");
  k.input = IntArray<4>(o, "input");
  k.filter = IntArray<4>(o, "filter");
  k.padding = IntArray<2>(o, "padding");
  k.stride = IntArray<2>(o, "stride");
  k.dilation = IntArray<2>(o, "dilation");
  k.workspace_limit = SizeArg(o.Get("workspaceLimit"), "workspaceLimit");
  if (with_flags) {
    k.deterministic = BoolField(o, "deterministic");
    k.benchmark = BoolField(o, "benchmark");
  }
  bool positive = k.groups > 0 && k.stride[0] > 0 && k.stride[1] > 0 && k.dilation[0] > 0 && k.dilation[1] > 0;
  for (int v : k.input) positive = positive && v > 0;
  for (int v : k.filter) positive = positive && v > 0;
  if (!positive || k.padding[0] < 0 || k.padding[1] < 0) {
    Throw(o.Env(), "RangeError", "ERR_OUT_OF_RANGE", "convolution key has a non-positive size");
  }
  return k;
}

Napi::Object KeyToJs(Napi::Env env, const ConvKey& k) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("direction", static_cast<int>(k.direction));
  o.Set("device", k.device);
  o.Set("dataType", k.data_type);
  o.Set("layout", k.layout);
  o.Set("mathType", k.math_type);
  o.Set("groups", k.groups);
  o.Set("input", ToJsArray(env, k.input));
  o.Set("filter", ToJsArray(env, k.filter));
  o.Set("padding", ToJsArray(env, k.padding));
  o.Set("stride", ToJsArray(env, k.stride));
  o.Set("dilation", ToJsArray(env, k.dilation));
  o.Set("workspaceLimit", static_cast<double>(k.workspace_limit));
  o.Set("deterministic", k.deterministic);
  o.Set("benchmark", k.benchmark);
  return o;
}

Napi::Object ChoiceToJs(Napi::Env env, const AlgoChoice& c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("algo", c.algo);
  o.Set("deterministic", c.deterministic);
  o.Set("workspaceBytes", static_cast<double>(c.workspace_bytes));
  o.Set("mathType", c.math_type);
  o.Set("source", AlgoSourceName(c.source));
  return o;
}

Napi::Object PerfToJs(Napi::Env env, const CudnnAlgoPerf& p) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("algo", p.algo);
  o.Set("status", p.status);
  o.Set("statusName", CudnnStatusName(p.status));
  o.Set("time", static_cast<double>(p.time));
  o.Set("memory", static_cast<double>(p.memory));
  o.Set("determinism", p.determinism);
  o.Set("mathType", p.mathType);
  return o;
}

std::vector<CudnnAlgoPerf> PerfListFromJs(const Napi::Value& value) {
  Napi::Env env = value.Env();
  if (!value.IsArray()) Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "perf results must be an array");
  Napi::Array a = value.As<Napi::Array>();
  if (a.Length() > static_cast<uint32_t>(kMaxAlgoCount)) {
    Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "at most " + std::to_string(kMaxAlgoCount) + " perf results");
  }
  std::vector<CudnnAlgoPerf> out(a.Length());
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Object o = ObjectArg(a.Get(i), "perf result");
    CudnnAlgoPerf& p = out[i];
    p = CudnnAlgoPerf{};
    p.algo = ToInt32(o.Get("algo"), "algo");
    p.status = ToInt32(o.Get("status"), "status");
    p.time = static_cast<float>(ToDouble(o.Get("time"), "time"));
    p.memory = SizeArg(o.Get("memory"), "memory");
    p.determinism = ToInt32(o.Get("determinism"), "determinism");
    p.mathType = ToInt32(o.Get("mathType"), "mathType");
  }
  return out;
}

void ThrowSelectFailure(Napi::Env env, const SelectResult& r) {
  switch (r.status) {
    case SelectStatus::kWorkspace: Throw(env, "Error", "ERR_CUDNN_WORKSPACE", r.message);
    case SelectStatus::kNotSupported: Throw(env, "Error", "cudnn:CUDNN_STATUS_NOT_SUPPORTED", r.message);
    case SelectStatus::kPerfQueryFailed: {
      std::string name = CudnnStatusName(r.cudnn_status);
      Throw(env, "Error", "cudnn:" + name, r.message + ": " + name);
    }
    case SelectStatus::kOk: break;
  }
  Throw(env, "Error", "ERR_INTERNAL", "algorithm selection failed without a reason");
}

namespace {

// selectFromPerf(direction, { deterministic, benchmark }, perf[], workspaceLimit): the bare rules.
Napi::Value SelectFromPerfJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ConvDirection direction = DirectionFromJs(info[0]);
  Napi::Object flags = ObjectArg(info[1], "flags");
  CudnnFlags f{BoolField(flags, "deterministic"), BoolField(flags, "benchmark")};
  std::vector<CudnnAlgoPerf> perf = PerfListFromJs(info[2]);
  SelectResult r = SelectFromPerf(direction, f, perf.data(), static_cast<int>(perf.size()), SizeArg(info[3], "workspaceLimit"));
  if (r.status != SelectStatus::kOk) ThrowSelectFailure(env, r);
  return ChoiceToJs(env, r.choice);
}

struct JsPerfSource {
  const std::vector<CudnnAlgoPerf>* perf;
  int calls = 0;
  PerfQuery last = PerfQuery::kHeuristic;
};

int FromJsList(void* context, const ConvKey&, PerfQuery query, CudnnAlgoPerf* out, int* count) {
  auto* src = static_cast<JsPerfSource*>(context);
  src->calls++;
  src->last = query;
  *count = static_cast<int>(src->perf->size());
  for (int i = 0; i < *count; i++) out[i] = (*src->perf)[i];
  return 0;
}

const char* QueryName(PerfQuery q) {
  switch (q) {
    case PerfQuery::kDefaultWorkspace: return "default";
    case PerfQuery::kHeuristic: return "heuristic";
    case PerfQuery::kBenchmark: return "benchmark";
  }
  return "unknown";
}

// chooseWithPerf(key (with flags), perf[]): the full entry point, cache included, with the given
// list standing in for what cuDNN would answer. Reports whether the list was asked for.
Napi::Value ChooseWithPerfJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ConvKey key = KeyFromJs(info[0], true);
  std::vector<CudnnAlgoPerf> perf = PerfListFromJs(info[1]);
  JsPerfSource src{&perf};
  SelectResult r = ChooseAlgorithm(key, FromJsList, &src);
  if (r.status != SelectStatus::kOk) ThrowSelectFailure(env, r);
  Napi::Object out = ChoiceToJs(env, r.choice);
  out.Set("queried", src.calls ? Napi::Value(Napi::String::New(env, QueryName(src.last))) : env.Null());
  return out;
}

Napi::Value CacheEntriesJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto entries = AlgoCache::Get().Entries();
  Napi::Array out = Napi::Array::New(env, entries.size());
  for (uint32_t i = 0; i < entries.size(); i++) {
    Napi::Object e = Napi::Object::New(env);
    e.Set("key", KeyToJs(env, entries[i].first));
    e.Set("choice", ChoiceToJs(env, entries[i].second));
    out.Set(i, e);
  }
  return out;
}

Napi::Value CacheClearJs(const Napi::CallbackInfo& info) {
  AlgoCache::Get().Clear();
  return info.Env().Undefined();
}

}  // namespace

void InitCudnnSelect(Napi::Env env, Napi::Object exports) {
  ExportFunctions(env, exports, {
      {"cudnnSelectFromPerf", SelectFromPerfJs},
      {"cudnnChooseWithPerf", ChooseWithPerfJs},
      {"cudnnAlgoCacheEntries", CacheEntriesJs},
      {"cudnnAlgoCacheClear", CacheClearJs},
  });
}

}  // namespace seed_everything
