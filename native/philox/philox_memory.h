// Memory for async fills, taken off the JS thread. Fresh pages fault one by one as a fill first
// writes them, which on virtual machines costs more than the fill itself: on the 2-core EPYC VM
// this was measured on, first writes to 256 MiB took ~2 s in 4 KiB pages and ~60 ms in huge
// pages (a second pass over the same memory: ~25 ms), and unmapping it took ~50–100 ms in 4 KiB
// pages, ~1 ms in huge pages. So memory is mapped in huge pages where the kernel allows, the
// blocks of count-form results come back to a small cache when their ArrayBuffer is collected,
// and whatever leaves the cache is unmapped on a thread of its own, never on the JS thread.
#pragma once
#include <cstddef>

namespace seed_everything {
namespace philox {

// Uninitialised memory of `bytes` (huge pages where the kernel allows), or null.
void* AllocPages(size_t bytes);
// Asks for huge pages on the whole huge pages inside [memory, memory + bytes), for memory about
// to be written whole: an array's pages not yet written then fault 2 MiB at a time (a first fill
// of a new 2^26 Float32Array: 625-710 ms in 4 KiB pages, 38-60 ms in huge pages where the host
// had the memory at hand, 340-430 ms where it had not; 2-core EPYC VM). Memory already written
// is not advised (mincore): khugepaged would then gather its 4 KiB pages into huge ones in the
// background, and fills of that memory ran 3-15x slower for a while (22 ms -> 73-350 ms for
// 512 MiB). Only a hint: memory that cannot take it (not anonymous, or a kernel without
// transparent huge pages) is left alone.
void AdviseHugePages(void* memory, size_t bytes);
void FreePages(void* memory, size_t bytes);

// A block of at least `bytes` for a result array: a cached one that fits without wasting more
// than a quarter, else fresh pages; null when memory ran out. *capacity receives its real size,
// which GiveBlock needs back. A block is in the cache or in use, never both: TakeBlock removes it
// under the cache's lock.
void* TakeBlock(size_t bytes, size_t* capacity);
// Returns a block whose last user is gone. It stays cached while the cache holds at most
// kCachedBlockBytes (oldest leave first); what does not stay is unmapped off the calling thread.
void GiveBlock(void* block, size_t capacity);
// Empties the cache (environment cleanup); cached blocks are unmapped off the calling thread.
void DrainBlocks();
// Bytes held in the cache now (tests, philoxInfo).
size_t CachedBlockBytes();
constexpr size_t kCachedBlockBytes = size_t(512) << 20;

}  // namespace philox
}  // namespace seed_everything
