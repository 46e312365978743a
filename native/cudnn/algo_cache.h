#pragma once
// The process-wide cache of benchmarked algorithms, shared by every worker thread and every addon
// that selects through the API table: one Find*Ex per convolution key per process, as PyTorch
// does. Heuristic and default choices are cheap and not cached.
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>
#include <map>

#include "cudnn/conv_key.h"
#include "cudnn/select.h"

namespace seed_everything {

class AlgoCache {
 public:
  static AlgoCache& Get();
  bool Lookup(const ConvKey& key, AlgoChoice* out) const;
  // Keeps the first choice stored for a key and returns it, so that threads that measured at the
  // same time all go on with one algorithm.
  AlgoChoice Insert(const ConvKey& key, const AlgoChoice& choice, bool* inserted);
  void Clear();
  std::vector<std::pair<ConvKey, AlgoChoice>> Entries() const;

 private:
  AlgoCache() = default;
  mutable std::mutex mutex_;
  std::map<ConvKey, AlgoChoice> entries_;
};

// Fills `out` (capacity kMaxAlgoCount) with the perf list for `query`; returns a cuDNN status.
using PerfSourceFn = int (*)(void* context, const ConvKey& key, PerfQuery query, CudnnAlgoPerf* out, int* count);

// The selection entry point: the cache when benchmarking, else the rules over the list the source
// gives. The source is called at most once and not at all on a cache hit. Flags come from the key.
SelectResult ChooseAlgorithm(const ConvKey& key, PerfSourceFn source, void* context);

}  // namespace seed_everything
