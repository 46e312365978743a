#pragma once
// The one place for process-wide mutable state: the root seed, each CUDA device's Philox
// (seed, offset) and the cuDNN flags. Every worker thread and every addon that imports the
// native API table sees this same truth.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>

namespace seed_everything {

// PyTorch's default CUDA generator seed, so an unseeded device behaves as torch's does.
constexpr uint64_t kDefaultDeviceSeed = 67280421310721ULL;
constexpr int kMaxDevices = 1024;

struct PhiloxState {
  uint64_t seed;
  uint64_t offset;  // in 32-bit outputs; always a multiple of 4 after a reservation
};

class ProcessState {
 public:
  static ProcessState& Get();

  void SetRootSeed(uint64_t seed);
  bool RootSeed(uint64_t* seed) const;  // false when no seed was set

  // Lazy, as torch's _lazy_call: only recorded here, applied when a device generator is used.
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

  std::atomic<bool> cudnn_deterministic{false};
  std::atomic<bool> cudnn_benchmark{false};

 private:
  ProcessState() = default;
  PhiloxState& SlotLocked(int device) const;

  mutable std::mutex mutex_;
  bool root_seed_set_ = false;
  uint64_t root_seed_ = 0;
  uint64_t all_seed_ = kDefaultDeviceSeed;                // for devices not seeded one by one
  mutable std::map<int, PhiloxState> devices_;            // devices touched so far
};

}  // namespace seed_everything
