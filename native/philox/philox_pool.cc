#include "philox_pool.h"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace seed_everything {
namespace philox {
namespace {

// Held through a raw pointer and never deleted: after fork() the child's copy holds handles of
// threads that do not exist there, and mutexes another thread may have held; nothing may touch
// it, so the child makes a new pool and leaves that memory alone. Exit joins the threads but
// keeps the object, so a fill still running on another thread then finds it intact.
struct Pool {
  const pid_t pid = getpid();
  std::mutex busy;  // held by the one fill the helpers serve
  std::mutex m;
  std::condition_variable wake, done;
  std::vector<std::thread> helpers;
  const std::function<void()>* job = nullptr;
  uint64_t generation = 0;
  unsigned wanted = 0, taken = 0, running = 0;
  bool stop = false;

  void Loop() {
    uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(m);
    for (;;) {
      wake.wait(lock, [&] { return stop || (generation != seen && taken < wanted); });
      if (stop) return;
      seen = generation;
      ++taken;
      ++running;
      const std::function<void()>* j = job;
      lock.unlock();
      (*j)();
      lock.lock();
      if (--running == 0) done.notify_all();
    }
  }

  // Starts helpers up to `n`; fewer if the system refuses threads.
  void Grow(unsigned n) {
    while (helpers.size() < n) {
      try {
        helpers.emplace_back([this] { Loop(); });
      } catch (const std::system_error&) {
        return;
      }
    }
  }

  void Run(unsigned n, const std::function<void()>& work) {
    {
      std::lock_guard<std::mutex> lock(m);
      if (stop) n = 0;
      else Grow(n);
      job = &work;
      ++generation;
      wanted = std::min<unsigned>(n, (unsigned)helpers.size());
      taken = 0;
    }
    wake.notify_all();
    work();
    std::unique_lock<std::mutex> lock(m);
    wanted = taken;  // helpers that have not woken yet no longer join in
    done.wait(lock, [&] { return running == 0; });
    job = nullptr;
  }

  void Shutdown() {
    {
      std::lock_guard<std::mutex> lock(m);
      stop = true;
    }
    wake.notify_all();
    for (auto& t : helpers) t.join();
    helpers.clear();
  }
};

std::mutex g_pool_mutex;
Pool* g_pool = nullptr;

Pool* CurrentPool() {
  std::lock_guard<std::mutex> lock(g_pool_mutex);
  if (g_pool == nullptr || g_pool->pid != getpid()) g_pool = new Pool();
  return g_pool;
}

// Joins the helpers when the process exits (static destruction), in the process that started them.
struct ExitGuard {
  ~ExitGuard() {
    std::lock_guard<std::mutex> lock(g_pool_mutex);
    if (g_pool != nullptr && g_pool->pid == getpid()) g_pool->Shutdown();
  }
} g_exit_guard;

}  // namespace

void RunShared(unsigned threads, const std::function<void()>& work) {
  if (threads <= 1) return work();
  Pool* pool = CurrentPool();
  std::unique_lock<std::mutex> own(pool->busy, std::try_to_lock);
  if (!own.owns_lock()) return work();
  pool->Run(threads - 1, work);
}

unsigned PoolThreads() {
  std::lock_guard<std::mutex> lock(g_pool_mutex);
  if (g_pool == nullptr || g_pool->pid != getpid()) return 0;
  std::lock_guard<std::mutex> inner(g_pool->m);
  return (unsigned)g_pool->helpers.size();
}

}  // namespace philox
}  // namespace seed_everything
