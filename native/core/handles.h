#pragma once
// Native handles (generators, device buffers, cuDNN handles) are closed exactly once: by JS
// close(), by the finalizer, or when the environment (a worker, the main thread) shuts down.
#include <mutex>
#include <unordered_set>

namespace seed_everything {

class Closeable {
 public:
  virtual ~Closeable() = default;
  virtual void CloseHandle() = 0;  // idempotent
};

class HandleRegistry {
 public:
  void Add(Closeable* handle);
  void Remove(Closeable* handle);
  void CloseAll();

 private:
  std::mutex mutex_;
  std::unordered_set<Closeable*> open_;
};

}  // namespace seed_everything
