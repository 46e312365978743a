#include "cudnn/algo_cache.h"

namespace seed_everything {

std::array<int, 4> ConvOutputDims(const ConvKey& key) {
  std::array<int, 4> out{key.input[0], key.filter[0], 0, 0};
  for (int i = 0; i < 2; i++) {
    int extent = key.dilation[i] * (key.filter[2 + i] - 1) + 1;
    out[2 + i] = (key.input[2 + i] + 2 * key.padding[i] - extent) / key.stride[i] + 1;
  }
  return out;
}

AlgoCache& AlgoCache::Get() {
  // Never destroyed: other addons and workers may select while the process exits.
  static AlgoCache* cache = new AlgoCache();
  return *cache;
}

bool AlgoCache::Lookup(const ConvKey& key, AlgoChoice* out) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return false;
  *out = it->second;
  return true;
}

AlgoChoice AlgoCache::Insert(const ConvKey& key, const AlgoChoice& choice, bool* inserted) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.emplace(key, choice);
  if (inserted != nullptr) *inserted = it.second;
  return it.first->second;
}

void AlgoCache::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
}

std::vector<std::pair<ConvKey, AlgoChoice>> AlgoCache::Entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {entries_.begin(), entries_.end()};
}

SelectResult ChooseAlgorithm(const ConvKey& key, PerfSourceFn source, void* context) {
  CudnnFlags flags{key.deterministic, key.benchmark};
  PerfQuery query = QueryFor(flags);
  SelectResult result;
  if (query == PerfQuery::kBenchmark && AlgoCache::Get().Lookup(key, &result.choice)) {
    result.status = SelectStatus::kOk;
    result.choice.source = AlgoSource::kCache;
    return result;
  }
  CudnnAlgoPerf perf[kMaxAlgoCount] = {};
  int count = 0;
  int status = source(context, key, query, perf, &count);
  if (status != 0) {
    result.status = SelectStatus::kPerfQueryFailed;
    result.cudnn_status = status;
    result.message = "the cuDNN algorithm query failed";
    return result;
  }
  if (count > kMaxAlgoCount) count = kMaxAlgoCount;
  result = SelectFromPerf(key.direction, flags, perf, count, key.workspace_limit);
  if (result.status == SelectStatus::kOk && query == PerfQuery::kBenchmark) {
    bool inserted = false;
    AlgoChoice kept = AlgoCache::Get().Insert(key, result.choice, &inserted);
    if (!inserted) {
      result.choice = kept;
      result.choice.source = AlgoSource::kCache;
    }
  }
  return result;
}

}  // namespace seed_everything
