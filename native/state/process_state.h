#pragma once
// The one place for process-wide mutable state: the root seed, each CUDA device's Philox
// (seed, offset) and the cuDNN flags. Every worker thread, every addon that imports the native
// API table and every compatible copy of this addon in the process sees this same truth: the
// data lives in the StateBlock that rendezvous.h finds, this class is only the code over it.
#include <cstdint>
#include <map>

#include "state/state_block.h"

namespace seed_everything {

// PyTorch's default CUDA generator seed, so an unseeded device behaves as torch's does.
constexpr uint64_t kDefaultDeviceSeed = 67280421310721ULL;

struct PhiloxState {
  uint64_t seed;
  uint64_t offset;  // in 32-bit outputs; always a multiple of 4 after a reservation
};

// A cuDNN flag in the shared block, with std::atomic's load/store spelling.
class SharedFlag {
 public:
  explicit SharedFlag(uint32_t* word) : word_(word) {}
  bool load() const { return __atomic_load_n(word_, __ATOMIC_SEQ_CST) != 0; }
  void store(bool value) { __atomic_store_n(word_, value ? 1u : 0u, __ATOMIC_SEQ_CST); }

 private:
  uint32_t* word_;
};

class ProcessState {
 public:
  static ProcessState& Get();

  void SetRootSeed(uint64_t seed);
  void ClearRootSeed();
  bool RootSeed(uint64_t* seed) const;  // false when no seed was set

  // Lazy, as torch's _lazy_call: only recorded here, applied when a device generator is used.
  // `device` is always in [0, kMaxDevices): callers validate it.
  void ManualSeedAll(uint64_t seed);
  void ManualSeed(int device, uint64_t seed);
  PhiloxState DeviceState(int device) const;
  void SetDeviceState(int device, PhiloxState state);
  // Returns the state before advancing the offset by `increment` rounded up to a multiple of 4.
  PhiloxState Reserve(int device, uint64_t increment);

  // Whole-table copy for snapshots: the seed for untouched devices, then each touched device.
  struct DeviceTable {
    uint64_t all_seed;
    std::map<int, PhiloxState> devices;
  };
  DeviceTable Devices() const;
  void RestoreDevices(const DeviceTable& table);

  // How many addon images share this state.
  uint32_t Copies() const;

  SharedFlag cudnn_deterministic;
  SharedFlag cudnn_benchmark;

 private:
  explicit ProcessState(StateBlock* block);
  StateDevice& SlotLocked(int device) const;

  StateBlock* block_;
};

}  // namespace seed_everything
