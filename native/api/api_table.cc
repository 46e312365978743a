// Every slot is a thin, non-throwing wrapper over ProcessState so that JS and other addons
// observe and advance one state. Exceptions (std::mutex, std::string) are caught here because a
// C caller cannot unwind through them.
#include "api/api_table.h"

#include <cstddef>
#include <cstring>
#include <string>

#include "cudnn/select.h"
#include "state/process_state.h"

#ifndef SE_PACKAGE_VERSION
#error "SE_PACKAGE_VERSION must be defined by the build (binding.gyp, CMakeLists.txt) from package.json"
#endif
#define SE_STRINGIFY_INNER(x) #x
#define SE_STRINGIFY(x) SE_STRINGIFY_INNER(x)

namespace seed_everything {
namespace {

// Same bound as the JS binding: the rounded sum must never wrap within one call.
constexpr uint64_t kMaxIncrement = 1ULL << 62;

static_assert(sizeof(se_cudnn_algo_perf) == sizeof(CudnnAlgoPerf), "perf layout");
static_assert(offsetof(se_cudnn_algo_perf, memory) == offsetof(CudnnAlgoPerf, memory), "perf layout");
static_assert(offsetof(se_cudnn_algo_perf, determinism) == offsetof(CudnnAlgoPerf, determinism), "perf layout");
static_assert(offsetof(se_cudnn_algo_perf, math_type) == offsetof(CudnnAlgoPerf, mathType), "perf layout");
static_assert(static_cast<int>(PerfQuery::kBenchmark) == SE_PERF_BENCHMARK, "perf query values");
static_assert(static_cast<int>(PerfQuery::kHeuristic) == SE_PERF_HEURISTIC, "perf query values");
static_assert(static_cast<int>(ConvDirection::kBackwardFilter) == SE_CONV_BACKWARD_FILTER, "direction values");

bool ValidDevice(int device) { return device >= 0 && device < kMaxDevices; }

CudnnFlags ProcessFlags() {
  const ProcessState& s = ProcessState::Get();
  return CudnnFlags{s.cudnn_deterministic.load(), s.cudnn_benchmark.load()};
}

CudnnFlags FlagsOr(const se_cudnn_flags* flags) {
  return flags ? CudnnFlags{flags->deterministic != 0, flags->benchmark != 0} : ProcessFlags();
}

void CopyMessage(const std::string& text, char* message, size_t size) {
  if (message == nullptr || size == 0) return;
  size_t n = text.size() < size - 1 ? text.size() : size - 1;
  std::memcpy(message, text.data(), n);
  message[n] = '\0';
}

int AlgoSourceValue(AlgoSource source) {
  switch (source) {
    case AlgoSource::kDefault: return SE_ALGO_SOURCE_DEFAULT;
    case AlgoSource::kHeuristic: return SE_ALGO_SOURCE_HEURISTIC;
    default: return SE_ALGO_SOURCE_BENCHMARK;  // a cached choice was measured once
  }
}

}  // namespace

extern "C" {

static int RootSeedSlot(uint64_t* seed, int* is_set) {
  if (seed == nullptr || is_set == nullptr) return SE_STATUS_INVALID_ARGUMENT;
  try {
    *is_set = ProcessState::Get().RootSeed(seed) ? 1 : 0;
    return SE_STATUS_OK;
  } catch (...) {
    return SE_STATUS_INTERNAL;
  }
}

static int PhiloxReserveSlot(int device, uint64_t increment, uint64_t* seed, uint64_t* offset) {
  if (seed == nullptr || offset == nullptr) return SE_STATUS_INVALID_ARGUMENT;
  if (!ValidDevice(device) || increment >= kMaxIncrement) return SE_STATUS_OUT_OF_RANGE;
  try {
    PhiloxState before = ProcessState::Get().Reserve(device, increment);
    *seed = before.seed;
    *offset = before.offset;
    return SE_STATUS_OK;
  } catch (...) {
    return SE_STATUS_INTERNAL;
  }
}

static int PhiloxStateSlot(int device, uint64_t* seed, uint64_t* offset) {
  if (seed == nullptr || offset == nullptr) return SE_STATUS_INVALID_ARGUMENT;
  if (!ValidDevice(device)) return SE_STATUS_OUT_OF_RANGE;
  try {
    PhiloxState s = ProcessState::Get().DeviceState(device);
    *seed = s.seed;
    *offset = s.offset;
    return SE_STATUS_OK;
  } catch (...) {
    return SE_STATUS_INTERNAL;
  }
}

static int GetCudnnFlagsSlot(se_cudnn_flags* out) {
  if (out == nullptr) return SE_STATUS_INVALID_ARGUMENT;
  CudnnFlags f = ProcessFlags();
  out->deterministic = f.deterministic ? 1 : 0;
  out->benchmark = f.benchmark ? 1 : 0;
  return SE_STATUS_OK;
}

static int SetCudnnFlagsSlot(const se_cudnn_flags* flags) {
  if (flags == nullptr) return SE_STATUS_INVALID_ARGUMENT;
  ProcessState::Get().cudnn_deterministic.store(flags->deterministic != 0);
  ProcessState::Get().cudnn_benchmark.store(flags->benchmark != 0);
  return SE_STATUS_OK;
}

static int CudnnPerfQuerySlot(const se_cudnn_flags* flags, int* query) {
  if (query == nullptr) return SE_STATUS_INVALID_ARGUMENT;
  *query = static_cast<int>(QueryFor(FlagsOr(flags)));
  return SE_STATUS_OK;
}

static int CudnnSelectAlgoSlot(int direction, const se_cudnn_flags* flags, const se_cudnn_algo_perf* perf, int count,
                               size_t workspace_limit, se_cudnn_algo_choice* out, char* message, size_t message_size) {
  CopyMessage("", message, message_size);
  if (out == nullptr || count < 0 || (perf == nullptr && count > 0)) return SE_STATUS_INVALID_ARGUMENT;
  if (direction < SE_CONV_FORWARD || direction > SE_CONV_BACKWARD_FILTER) return SE_STATUS_INVALID_ARGUMENT;
  try {
    SelectResult r = SelectFromPerf(static_cast<ConvDirection>(direction), FlagsOr(flags),
                                    reinterpret_cast<const CudnnAlgoPerf*>(perf), count, workspace_limit);
    CopyMessage(r.message, message, message_size);
    switch (r.status) {
      case SelectStatus::kOk:
        out->algo = r.choice.algo;
        out->deterministic = r.choice.deterministic ? 1 : 0;
        out->workspace_bytes = r.choice.workspace_bytes;
        out->math_type = r.choice.math_type;
        out->source = AlgoSourceValue(r.choice.source);
        return SE_STATUS_OK;
      case SelectStatus::kNotSupported: return SE_STATUS_NOT_SUPPORTED;
      case SelectStatus::kWorkspace: return SE_STATUS_WORKSPACE;
      default: return SE_STATUS_INTERNAL;
    }
  } catch (...) {
    return SE_STATUS_INTERNAL;
  }
}

}  // extern "C"

const se_api& NativeApiTable() {
  static const se_api table = {
      SE_API_ABI_VERSION,
      SE_API_FEATURE_VERSION,
      static_cast<uint32_t>(sizeof(se_api)),
      0,
      SE_STRINGIFY(SE_PACKAGE_VERSION),
      RootSeedSlot,
      PhiloxReserveSlot,
      PhiloxStateSlot,
      GetCudnnFlagsSlot,
      SetCudnnFlagsSlot,
      CudnnPerfQuerySlot,
      CudnnSelectAlgoSlot,
  };
  return table;
}

}  // namespace seed_everything
