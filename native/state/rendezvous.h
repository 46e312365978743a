#pragma once
// Finding the one StateBlock of the process. Node loads each addon with RTLD_LOCAL and two copies
// from different paths have separate statics, so the copies meet through the dynamic loader: each
// exports one data symbol, `seed_everything_state_anchor_1`, and every copy picks, in load order,
// the first loaded copy whose state layout equals its own. The first copy loaded owns the state;
// a copy whose layout differs from the owner's is incompatible (doctor says so and its native API
// table is refused), and shares only with copies of its own layout.
#include <cstdint>
#include <string>

#include "state/state_block.h"

namespace seed_everything {

enum class StateRole { kOwner, kAdopted, kIncompatible };

struct StateAttachment {
  StateBlock* block = nullptr;
  StateRole role = StateRole::kOwner;
  uint32_t layout = 0;        // this copy's state layout
  uint32_t owner_layout = 0;  // the first copy's
  std::string self_path;
  std::string owner_path;
  std::string owner_version;
};

// Computed once per copy, on first use (addon Init calls it, under Node's addon-loading lock).
const StateAttachment& Attachment();

}  // namespace seed_everything
