#include "philox_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace seed_everything {
namespace philox {
namespace {

constexpr size_t kHuge = size_t(2) << 20;

using Block = std::pair<void*, size_t>;

// Shared state below is held through raw pointers and never deleted: blocks may come back
// during static destruction at exit, and a forked child must not touch a mutex or a thread
// handle of its parent's (the unmapper is made anew per process, like the fill pool).
std::mutex g_blocks_mutex;
std::vector<Block>* g_blocks = new std::vector<Block>();  // oldest first
size_t g_cached_bytes = 0;

// Unmaps large blocks on a thread of its own: munmap of a 256 MiB block in 4 KiB pages takes
// tens of milliseconds, and finalizers run on the JS thread. The thread is detached and waits on
// a condition variable, so it neither holds the process open nor needs joining at exit.
struct Unmapper {
  const pid_t pid = getpid();
  std::mutex m;
  std::condition_variable wake;
  std::vector<Block> queue;
  bool started = false;

  void Loop() {
    std::unique_lock<std::mutex> lock(m);
    for (;;) {
      wake.wait(lock, [&] { return !queue.empty(); });
      std::vector<Block> work;
      work.swap(queue);
      lock.unlock();
      for (const Block& b : work) FreePages(b.first, b.second);
      lock.lock();
    }
  }
};

std::mutex g_unmapper_mutex;
Unmapper* g_unmapper = nullptr;

// Below this, munmap is cheaper than handing the block over.
constexpr size_t kUnmapInline = kHuge;

void UnmapLater(std::vector<Block> blocks) {
  std::vector<Block> now;
  for (const Block& b : blocks) {
    if (b.second < kUnmapInline) now.push_back(b);
  }
  if (now.size() < blocks.size()) {
    std::lock_guard<std::mutex> guard(g_unmapper_mutex);
    if (g_unmapper == nullptr || g_unmapper->pid != getpid()) g_unmapper = new Unmapper();
    Unmapper* u = g_unmapper;
    std::lock_guard<std::mutex> lock(u->m);
    if (!u->started) {
      try {
        std::thread([u] { u->Loop(); }).detach();
        u->started = true;
      } catch (const std::system_error&) {
      }
    }
    for (const Block& b : blocks) {
      if (b.second >= kUnmapInline) (u->started ? u->queue : now).push_back(b);
    }
    u->wake.notify_one();
  }
  for (const Block& b : now) FreePages(b.first, b.second);
}

size_t BlockSize(size_t bytes) {
  const size_t page = bytes >= kHuge ? kHuge : size_t(4096);
  return (std::max<size_t>(bytes, 1) + page - 1) / page * page;
}

}  // namespace

void* AllocPages(size_t bytes) {
  if (bytes == 0) bytes = 1;
  // Over-map by one huge page and trim, so the region starts on a huge-page boundary.
  const size_t span = bytes + kHuge;
  void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  char* base = static_cast<char*>(raw);
  char* start = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(base) + kHuge - 1) & ~(kHuge - 1));
  if (start > base) munmap(base, size_t(start - base));
  const size_t tail = size_t(base + span - (start + bytes));
  if (tail) munmap(start + bytes, tail);
  AdviseHugePages(start, bytes);
  return start;
}

void AdviseHugePages(void* memory, size_t bytes) {
#ifdef MADV_HUGEPAGE
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(memory) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(memory) + bytes) & ~(kHuge - 1);
  if (end <= begin) return;
  const long page = sysconf(_SC_PAGESIZE);
  if (page <= 0 || kHuge % size_t(page) != 0) return;
  const size_t per_huge = kHuge / size_t(page);
  // No exception may leave here (a libuv worker calls it too): without memory, no advice.
  std::unique_ptr<unsigned char[]> resident(new (std::nothrow) unsigned char[(end - begin) / size_t(page)]);
  if (!resident || mincore(reinterpret_cast<void*>(begin), end - begin, resident.get()) != 0) return;
  // Runs of huge pages with neither their first nor their last base page there yet.
  uintptr_t run = 0;
  for (uintptr_t at = begin;; at += kHuge) {
    const size_t i = (at - begin) / size_t(page);
    const bool fresh = at < end && !(resident[i] & 1) && !(resident[i + per_huge - 1] & 1);
    if (fresh && run == 0) run = at;
    if (!fresh && run != 0) {
      madvise(reinterpret_cast<void*>(run), at - run, MADV_HUGEPAGE);
      run = 0;
    }
    if (at >= end) break;
  }
#else
  (void)memory;
  (void)bytes;
#endif
}

void FreePages(void* memory, size_t bytes) {
  if (memory != nullptr) munmap(memory, bytes ? bytes : 1);
}

void* TakeBlock(size_t bytes, size_t* capacity) {
  const size_t need = BlockSize(bytes);
  if (need >= kHuge) {
    std::lock_guard<std::mutex> lock(g_blocks_mutex);
    auto best = g_blocks->end();
    for (auto it = g_blocks->begin(); it != g_blocks->end(); ++it) {
      if (it->second >= need && it->second - need <= need / 4 && (best == g_blocks->end() || it->second < best->second)) best = it;
    }
    if (best != g_blocks->end()) {
      void* block = best->first;
      *capacity = best->second;
      g_cached_bytes -= best->second;
      g_blocks->erase(best);
      return block;
    }
  }
  *capacity = need;
  return AllocPages(need);
}

void GiveBlock(void* block, size_t capacity) {
  if (block == nullptr) return;
  std::vector<Block> out;
  {
    std::lock_guard<std::mutex> lock(g_blocks_mutex);
    if (capacity >= kHuge && capacity <= kCachedBlockBytes) {
      g_blocks->emplace_back(block, capacity);
      g_cached_bytes += capacity;
      while (g_cached_bytes > kCachedBlockBytes) {
        out.push_back(g_blocks->front());
        g_cached_bytes -= g_blocks->front().second;
        g_blocks->erase(g_blocks->begin());
      }
    } else {
      out.emplace_back(block, capacity);
    }
  }
  if (!out.empty()) UnmapLater(std::move(out));
}

void DrainBlocks() {
  std::vector<Block> out;
  {
    std::lock_guard<std::mutex> lock(g_blocks_mutex);
    out.swap(*g_blocks);
    g_cached_bytes = 0;
  }
  if (!out.empty()) UnmapLater(std::move(out));
}

size_t CachedBlockBytes() {
  std::lock_guard<std::mutex> lock(g_blocks_mutex);
  return g_cached_bytes;
}

}  // namespace philox
}  // namespace seed_everything
