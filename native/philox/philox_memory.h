// Memory for async fills, taken off the JS thread. Fresh pages fault one by one as a fill first
// writes them, which on virtual machines costs more than the fill itself (some 15 µs a 4 KiB
// page on the 2-core EPYC VM this was measured on); transparent huge pages cut the faults 512-fold,
// and the slots of sliced fills are kept for reuse, so they fault once per process.
#pragma once
#include <cstddef>

namespace seed_everything {
namespace philox {

// Uninitialised memory of `bytes` (huge pages where the kernel allows), or null.
void* AllocPages(size_t bytes);
void FreePages(void* memory, size_t bytes);

// One slot of kSlotBytes, reused across fills; null when memory ran out.
constexpr size_t kSlotBytes = size_t(4) << 20;
void* TakeSlot();
void GiveSlot(void* slot);

// memcpy that bypasses the cache for the destination where the CPU can (x86 streaming stores):
// the destination is written once and not read soon, and skipping its read-for-ownership
// halves the traffic of a copy into a large array.
void CopyStreaming(void* dst, const void* src, size_t bytes);

}  // namespace philox
}  // namespace seed_everything
