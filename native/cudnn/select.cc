#include "cudnn/select.h"

#include <string>

namespace seed_everything {
namespace {

constexpr int kStatusSuccess = 0;
constexpr int kDeterministic = 1;

std::string Describe(const CudnnAlgoPerf& p) {
  return "algorithm " + std::to_string(p.algo) + " needs " + std::to_string(p.memory) + " bytes";
}

SelectResult Chosen(const CudnnAlgoPerf& p, AlgoSource source) {
  SelectResult r;
  r.status = SelectStatus::kOk;
  r.choice.algo = p.algo;
  r.choice.deterministic = p.determinism == kDeterministic;
  r.choice.workspace_bytes = p.memory;
  r.choice.math_type = p.mathType;
  r.choice.source = source;
  return r;
}

SelectResult Failed(SelectStatus status, std::string message) {
  SelectResult r;
  r.status = status;
  r.message = std::move(message);
  return r;
}

SelectResult SelectDefault(ConvDirection direction, const CudnnAlgoPerf* perf, int count, size_t limit) {
  int wanted = DefaultDeterministicAlgo(direction);
  for (int i = 0; i < count; i++) {
    const CudnnAlgoPerf& p = perf[i];
    if (p.algo != wanted) continue;
    if (p.status != kStatusSuccess) {
      return Failed(SelectStatus::kNotSupported, "the deterministic default algorithm " + std::to_string(wanted) +
                                                     " does not support this convolution (status " +
                                                     std::to_string(p.status) + ")");
    }
    if (p.memory > limit) {
      return Failed(SelectStatus::kWorkspace, "the deterministic default " + Describe(p) + ", over the limit of " +
                                                  std::to_string(limit) + " bytes");
    }
    SelectResult r = Chosen(p, AlgoSource::kDefault);
    // The default algorithms are deterministic by construction; the query that sized the
    // workspace carries no determinism claim.
    r.choice.deterministic = true;
    return r;
  }
  return Failed(SelectStatus::kNotSupported, "no result for the deterministic default algorithm " + std::to_string(wanted));
}

SelectResult SelectBenchmark(const CudnnAlgoPerf* perf, int count, size_t limit, bool deterministic) {
  const CudnnAlgoPerf* best = nullptr;
  const CudnnAlgoPerf* too_big = nullptr;
  for (int i = 0; i < count; i++) {
    const CudnnAlgoPerf& p = perf[i];
    if (p.status != kStatusSuccess) continue;
    if (deterministic && p.determinism != kDeterministic) continue;
    if (p.memory > limit) {
      if (too_big == nullptr || p.memory < too_big->memory) too_big = &p;
      continue;
    }
    // Exact comparison on purpose: a tie is two equal measurements, and then the id decides.
    if (best == nullptr || p.time < best->time || (p.time == best->time && p.algo < best->algo)) best = &p;
  }
  if (best != nullptr) return Chosen(*best, AlgoSource::kBenchmark);
  std::string kind = deterministic ? "deterministic " : "";
  if (too_big != nullptr) {
    return Failed(SelectStatus::kWorkspace, "every " + kind + "algorithm that supports this convolution needs more than " +
                                                std::to_string(limit) + " bytes of workspace (the smallest: " +
                                                Describe(*too_big) + ")");
  }
  return Failed(SelectStatus::kNotSupported, "no " + kind + "algorithm supports this convolution");
}

SelectResult SelectHeuristic(const CudnnAlgoPerf* perf, int count, size_t limit) {
  const CudnnAlgoPerf* too_big = nullptr;
  for (int i = 0; i < count; i++) {
    const CudnnAlgoPerf& p = perf[i];
    if (p.status != kStatusSuccess) continue;
    if (p.memory <= limit) return Chosen(p, AlgoSource::kHeuristic);
    if (too_big == nullptr || p.memory < too_big->memory) too_big = &p;
  }
  if (too_big != nullptr) {
    return Failed(SelectStatus::kWorkspace, "every algorithm that supports this convolution needs more than " +
                                                std::to_string(limit) + " bytes of workspace (the smallest: " +
                                                Describe(*too_big) + ")");
  }
  return Failed(SelectStatus::kNotSupported, "no algorithm supports this convolution");
}

}  // namespace

int AlgoCount(ConvDirection direction) {
  switch (direction) {
    case ConvDirection::kForward: return constants::kForwardAlgoCount;
    case ConvDirection::kBackwardData: return constants::kBackwardDataAlgoCount;
    case ConvDirection::kBackwardFilter: return constants::kBackwardFilterAlgoCount;
  }
  return 0;
}

int DefaultDeterministicAlgo(ConvDirection direction) {
  // forward IMPLICIT_PRECOMP_GEMM, backward data ALGO_1, backward filter ALGO_1: all id 1.
  (void)direction;
  return 1;
}

bool DocumentedDeterministic(ConvDirection direction, int algo) {
  if (algo < 0 || algo >= AlgoCount(direction)) return false;
  switch (direction) {
    case ConvDirection::kForward: return constants::kForwardDeterministic[algo];
    case ConvDirection::kBackwardData: return constants::kBackwardDataDeterministic[algo];
    case ConvDirection::kBackwardFilter: return constants::kBackwardFilterDeterministic[algo];
  }
  return false;
}

const char* AlgoSourceName(AlgoSource source) {
  switch (source) {
    case AlgoSource::kDefault: return "default";
    case AlgoSource::kHeuristic: return "heuristic";
    case AlgoSource::kBenchmark: return "benchmark";
    case AlgoSource::kCache: return "cache";
  }
  return "unknown";
}

PerfQuery QueryFor(CudnnFlags flags) {
  if (flags.benchmark) return PerfQuery::kBenchmark;
  return flags.deterministic ? PerfQuery::kDefaultWorkspace : PerfQuery::kHeuristic;
}

SelectResult SelectFromPerf(ConvDirection direction, CudnnFlags flags, const CudnnAlgoPerf* perf, int count,
                            size_t workspace_limit) {
  if (perf == nullptr || count < 0) count = 0;
  switch (QueryFor(flags)) {
    case PerfQuery::kDefaultWorkspace: return SelectDefault(direction, perf, count, workspace_limit);
    case PerfQuery::kBenchmark: return SelectBenchmark(perf, count, workspace_limit, flags.deterministic);
    case PerfQuery::kHeuristic: return SelectHeuristic(perf, count, workspace_limit);
  }
  return Failed(SelectStatus::kNotSupported, "unknown selection mode");
}

}  // namespace seed_everything
