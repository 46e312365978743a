#include "core/handles.h"

#include <vector>

namespace seed_everything {

void HandleRegistry::Add(Closeable* handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  open_.insert(handle);
}

void HandleRegistry::Remove(Closeable* handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  open_.erase(handle);
}

void HandleRegistry::CloseAll() {
  std::vector<Closeable*> pending;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending.assign(open_.begin(), open_.end());
    open_.clear();
  }
  for (Closeable* handle : pending) handle->CloseHandle();
}

}  // namespace seed_everything
