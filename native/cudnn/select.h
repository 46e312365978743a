#pragma once
// Convolution algorithm selection under the process's cuDNN flags. The rules are a pure function
// over cuDNN's perf results so that they can be tested without a GPU and called, through the
// package's C API table, by other addons that run their own convolutions.
#include <cstddef>
#include <string>

#include "cudnn/cudnn_api.h"
#include "generated/constants.h"

namespace seed_everything {

enum class ConvDirection : int { kForward = 0, kBackwardData = 1, kBackwardFilter = 2 };

// Algorithm counts of the legacy API (CUDNN_CONVOLUTION_*_ALGO_COUNT), from native/constants.json.
constexpr int kMaxAlgoCount = constants::kMaxAlgoCount;
int AlgoCount(ConvDirection direction);

// The algorithms used when deterministic && !benchmark: each is deterministic for every shape it
// supports, so choosing them needs neither heuristics nor timing.
int DefaultDeterministicAlgo(ConvDirection direction);

// cuDNN's documented property of an algorithm, for callers that name one themselves (the
// "deterministic" lists of native/constants.json): backward data ALGO_0 and backward filter
// ALGO_0 / ALGO_3 accumulate with atomics.
bool DocumentedDeterministic(ConvDirection direction, int algo);

enum class AlgoSource : int { kDefault = 0, kHeuristic = 1, kBenchmark = 2, kCache = 3 };
const char* AlgoSourceName(AlgoSource source);

struct CudnnFlags {
  bool deterministic = false;
  bool benchmark = false;
};

// Which perf list the flags call for.
enum class PerfQuery : int {
  kDefaultWorkspace = 0,  // one entry: the default algorithm with its workspace size and status
  kHeuristic = 1,         // cudnnGet*_v7, in cuDNN's preference order
  kBenchmark = 2,         // cudnnFind*Ex, measured
};
PerfQuery QueryFor(CudnnFlags flags);

struct AlgoChoice {
  int algo = -1;
  bool deterministic = false;
  size_t workspace_bytes = 0;
  int math_type = 0;
  AlgoSource source = AlgoSource::kDefault;
};

enum class SelectStatus : int {
  kOk = 0,
  kNotSupported = 1,    // no algorithm in the list can run this convolution
  kWorkspace = 2,       // some could, but every admissible one needs more than the limit
  kPerfQueryFailed = 3, // the perf source itself failed (status in SelectResult::cudnn_status)
};

struct SelectResult {
  SelectStatus status = SelectStatus::kNotSupported;
  AlgoChoice choice;
  int cudnn_status = 0;
  std::string message;
};

// The rules, over one perf list already obtained for QueryFor(flags):
// - default (deterministic && !benchmark): the list's entry for DefaultDeterministicAlgo; it must
//   be successful and fit the limit. Never replaced by another algorithm.
// - benchmark: entries with status success, and determinism == DETERMINISTIC when deterministic,
//   that fit the limit; least time wins; equal times go to the lower algorithm id, so the choice
//   never depends on the order cuDNN listed them in.
// - heuristic (neither flag): the first successful entry, in the list's order, that fits.
// In deterministic mode a shortage of workspace is kWorkspace, never a non-deterministic fallback.
SelectResult SelectFromPerf(ConvDirection direction, CudnnFlags flags, const CudnnAlgoPerf* perf, int count,
                            size_t workspace_limit);

}  // namespace seed_everything
