// Helper threads for large fills, started once and kept (thread start-up would otherwise cost
// more than a mid-sized fill). They never keep Node's event loop alive: they are not libuv
// handles. At exit they are stopped and joined; in a forked child the parent's threads do not
// exist, so the child starts its own.
#pragma once
#include <functional>

namespace seed_everything {
namespace philox {

// Runs `work` on the calling thread and on up to threads - 1 helpers at once; returns when every
// copy has returned. `work` must split its job itself (each copy takes what is left), since a
// copy may also run alone: while another fill (a worker thread, an async fill) holds the
// helpers, or after shutdown, the caller does everything.
void RunShared(unsigned threads, const std::function<void()>& work);

// Helpers started so far (for philoxInfo and tests).
unsigned PoolThreads();

}  // namespace philox
}  // namespace seed_everything
