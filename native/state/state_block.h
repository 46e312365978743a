#pragma once
// The process-wide state as plain C data. Every copy of the addon in the process (two versions in
// one dependency tree, or a folder copied) runs its own code over one instance of this block, so
// its layout is frozen per layout number (rendezvous.h): any change to it is a new number.
#include <pthread.h>

#include <cstdint>

#include "generated/constants.h"

namespace seed_everything {

// From native/constants.json; part of the frozen layout below, so a new value is a new layout number.
constexpr int kMaxDevices = constants::kMaxDevices;
constexpr uint64_t kStateBlockMagic = 0x31305453454553ULL;  // "SEESTA01"

struct StateDevice {
  uint64_t seed;
  uint64_t offset;
};

struct StateBlock {
  uint64_t magic;
  uint32_t layout;
  uint32_t size;
  // A libc mutex rather than std::mutex: every copy shares one libc, not one C++ library.
  pthread_mutex_t mutex;
  uint32_t copies;  // addon images attached to this block (atomic)
  uint32_t root_seed_set;
  uint64_t root_seed;
  uint64_t all_seed;  // for devices not seeded one by one
  uint32_t cudnn_deterministic;  // atomic; not under the mutex
  uint32_t cudnn_benchmark;      // atomic; not under the mutex
  uint8_t touched[kMaxDevices];  // devices whose slot below is live
  StateDevice devices[kMaxDevices];
  char owner_version[32];
  char owner_path[1024];
};

}  // namespace seed_everything
