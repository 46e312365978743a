#include "state/process_state.h"

namespace seed_everything {

ProcessState& ProcessState::Get() {
  // Never destroyed: worker threads and other addons may still read it while the process exits.
  static ProcessState* state = new ProcessState();
  return *state;
}

void ProcessState::SetRootSeed(uint64_t seed) {
  std::lock_guard<std::mutex> lock(mutex_);
  root_seed_ = seed;
  root_seed_set_ = true;
}

bool ProcessState::RootSeed(uint64_t* seed) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (root_seed_set_ && seed != nullptr) *seed = root_seed_;
  return root_seed_set_;
}

PhiloxState& ProcessState::SlotLocked(int device) const {
  auto it = devices_.find(device);
  if (it == devices_.end()) it = devices_.emplace(device, PhiloxState{all_seed_, 0}).first;
  return it->second;
}

void ProcessState::ManualSeedAll(uint64_t seed) {
  std::lock_guard<std::mutex> lock(mutex_);
  all_seed_ = seed;
  for (auto& entry : devices_) entry.second = PhiloxState{seed, 0};
}

void ProcessState::ManualSeed(int device, uint64_t seed) {
  std::lock_guard<std::mutex> lock(mutex_);
  SlotLocked(device) = PhiloxState{seed, 0};
}

PhiloxState ProcessState::DeviceState(int device) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return SlotLocked(device);
}

void ProcessState::SetDeviceState(int device, PhiloxState state) {
  std::lock_guard<std::mutex> lock(mutex_);
  SlotLocked(device) = state;
}

ProcessState::DeviceTable ProcessState::Devices() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return DeviceTable{all_seed_, devices_};
}

void ProcessState::RestoreDevices(const DeviceTable& table) {
  std::lock_guard<std::mutex> lock(mutex_);
  all_seed_ = table.all_seed;
  devices_ = table.devices;
}

PhiloxState ProcessState::Reserve(int device, uint64_t increment) {
  std::lock_guard<std::mutex> lock(mutex_);
  PhiloxState& slot = SlotLocked(device);
  PhiloxState before = slot;
  uint64_t rounded = (increment + 3) / 4 * 4;  // callers pass a checked increment < 2^63
  slot.offset += rounded;
  return before;
}

}  // namespace seed_everything
