#include "state/process_state.h"

#include <pthread.h>

#include "state/rendezvous.h"

namespace seed_everything {
namespace {

class Lock {
 public:
  explicit Lock(StateBlock* block) : mutex_(&block->mutex) { pthread_mutex_lock(mutex_); }
  ~Lock() { pthread_mutex_unlock(mutex_); }
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

 private:
  pthread_mutex_t* mutex_;
};

int Clamp(int device) { return device < 0 || device >= kMaxDevices ? 0 : device; }

}  // namespace

ProcessState& ProcessState::Get() {
  // Never destroyed: worker threads and other addons may still read it while the process exits.
  static ProcessState* state = new ProcessState(Attachment().block);
  return *state;
}

ProcessState::ProcessState(StateBlock* block)
    : cudnn_deterministic(&block->cudnn_deterministic), cudnn_benchmark(&block->cudnn_benchmark), block_(block) {}

void ProcessState::SetRootSeed(uint64_t seed) {
  Lock lock(block_);
  block_->root_seed = seed;
  block_->root_seed_set = 1;
}

void ProcessState::ClearRootSeed() {
  Lock lock(block_);
  block_->root_seed = 0;
  block_->root_seed_set = 0;
}

bool ProcessState::RootSeed(uint64_t* seed) const {
  Lock lock(block_);
  if (block_->root_seed_set && seed != nullptr) *seed = block_->root_seed;
  return block_->root_seed_set != 0;
}

// Out-of-range devices are refused before this point; clamping only keeps a bug from writing
// outside the block.
StateDevice& ProcessState::SlotLocked(int device) const {
  int d = Clamp(device);
  if (!block_->touched[d]) {
    block_->touched[d] = 1;
    block_->devices[d] = StateDevice{block_->all_seed, 0};
  }
  return block_->devices[d];
}

void ProcessState::ManualSeedAll(uint64_t seed) {
  Lock lock(block_);
  block_->all_seed = seed;
  for (int d = 0; d < kMaxDevices; ++d) {
    if (block_->touched[d]) block_->devices[d] = StateDevice{seed, 0};
  }
}

void ProcessState::ManualSeed(int device, uint64_t seed) {
  Lock lock(block_);
  SlotLocked(device) = StateDevice{seed, 0};
}

PhiloxState ProcessState::DeviceState(int device) const {
  Lock lock(block_);
  const StateDevice& slot = SlotLocked(device);
  return PhiloxState{slot.seed, slot.offset};
}

void ProcessState::SetDeviceState(int device, PhiloxState state) {
  Lock lock(block_);
  SlotLocked(device) = StateDevice{state.seed, state.offset};
}

ProcessState::DeviceTable ProcessState::Devices() const {
  Lock lock(block_);
  DeviceTable table{block_->all_seed, {}};
  for (int d = 0; d < kMaxDevices; ++d) {
    if (block_->touched[d]) table.devices[d] = PhiloxState{block_->devices[d].seed, block_->devices[d].offset};
  }
  return table;
}

void ProcessState::RestoreDevices(const DeviceTable& table) {
  Lock lock(block_);
  block_->all_seed = table.all_seed;
  for (int d = 0; d < kMaxDevices; ++d) block_->touched[d] = 0;
  for (const auto& [device, state] : table.devices) {
    int d = Clamp(device);
    block_->touched[d] = 1;
    block_->devices[d] = StateDevice{state.seed, state.offset};
  }
}

PhiloxState ProcessState::Reserve(int device, uint64_t increment) {
  Lock lock(block_);
  StateDevice& slot = SlotLocked(device);
  PhiloxState before{slot.seed, slot.offset};
  uint64_t rounded = (increment + 3) / 4 * 4;  // callers pass a checked increment < 2^63
  slot.offset += rounded;
  return before;
}

uint32_t ProcessState::Copies() const { return __atomic_load_n(&block_->copies, __ATOMIC_SEQ_CST); }

}  // namespace seed_everything
