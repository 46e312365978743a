#include "philox_memory.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <mutex>
#include <vector>

namespace seed_everything {
namespace philox {
namespace {

constexpr size_t kHuge = size_t(2) << 20;
constexpr size_t kKeptSlots = 8;  // four fills' worth in flight at once

std::mutex g_slots_mutex;
std::vector<void*>* g_slots = new std::vector<void*>();  // never freed: slots may return at exit

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
#ifdef MADV_HUGEPAGE
  madvise(start, bytes, MADV_HUGEPAGE);
#endif
  return start;
}

void FreePages(void* memory, size_t bytes) {
  if (memory != nullptr) munmap(memory, bytes ? bytes : 1);
}

void* TakeSlot() {
  {
    std::lock_guard<std::mutex> lock(g_slots_mutex);
    if (!g_slots->empty()) {
      void* s = g_slots->back();
      g_slots->pop_back();
      return s;
    }
  }
  return AllocPages(kSlotBytes);
}

void GiveSlot(void* slot) {
  if (slot == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(g_slots_mutex);
    if (g_slots->size() < kKeptSlots) return g_slots->push_back(slot);
  }
  FreePages(slot, kSlotBytes);
}

void CopyStreaming(void* dst, const void* src, size_t bytes) {
#if defined(__x86_64__)
  char* d = static_cast<char*>(dst);
  const char* s = static_cast<const char*>(src);
  const size_t head = std::min(bytes, size_t(-reinterpret_cast<uintptr_t>(d) & 15));
  std::memcpy(d, s, head);
  d += head, s += head, bytes -= head;
  for (; bytes >= 64; d += 64, s += 64, bytes -= 64) {
    const __m128i a = _mm_loadu_si128((const __m128i*)s), b = _mm_loadu_si128((const __m128i*)(s + 16));
    const __m128i c = _mm_loadu_si128((const __m128i*)(s + 32)), e = _mm_loadu_si128((const __m128i*)(s + 48));
    _mm_stream_si128((__m128i*)d, a);
    _mm_stream_si128((__m128i*)(d + 16), b);
    _mm_stream_si128((__m128i*)(d + 32), c);
    _mm_stream_si128((__m128i*)(d + 48), e);
  }
  _mm_sfence();
  std::memcpy(d, s, bytes);
#else
  std::memcpy(dst, src, bytes);
#endif
}

}  // namespace philox
}  // namespace seed_everything
