#include "state/rendezvous.h"

#include <dlfcn.h>
#include <link.h>

#include <cstring>
#include <vector>

#include "state/process_state.h"

#ifndef SE_PACKAGE_VERSION
#error "SE_PACKAGE_VERSION must be defined by the build (binding.gyp, CMakeLists.txt) from package.json"
#endif
#define SE_RV_STRINGIFY_INNER(x) #x
#define SE_RV_STRINGIFY(x) SE_RV_STRINGIFY_INNER(x)

extern "C" {

// Frozen forever: a later package that needs another anchor adds one under another name. The
// layout is text, not an integer, so that a test can make a copy of the built addon claim another
// layout by editing the copied file (test/seed/copies.test.ts).
struct se_state_anchor_1 {
  uint64_t magic;
  char layout_tag[40];  // "seed-everything state layout NNNN": the layout of acquire()'s block
  const char* version;  // this copy's package version
  void* (*acquire)(void);  // this copy's StateBlock, created on the first call; never throws
};

static void* AcquireOwnBlock(void);

// This copy's own anchor, bound locally; the exported name below is what the other copies look up.
// (A default-visibility name referenced from inside the library could bind to another copy's.)
__attribute__((visibility("hidden"))) se_state_anchor_1 se_state_anchor_self = {
    0x31524f48434e4153ULL,  // "SANCHOR1"
    "seed-everything state layout 0001",
    SE_RV_STRINGIFY(SE_PACKAGE_VERSION),
    AcquireOwnBlock,
};
extern __attribute__((visibility("default"), alias("se_state_anchor_self"))) se_state_anchor_1 seed_everything_state_anchor_1;

}  // extern "C"

namespace seed_everything {
namespace {

constexpr uint64_t kAnchorMagic = 0x31524f48434e4153ULL;
constexpr char kAnchorName[] = "seed_everything_state_anchor_1";

uint32_t LayoutOf(const se_state_anchor_1* anchor) {
  static const char kPrefix[] = "seed-everything state layout ";
  char tag[sizeof anchor->layout_tag];
  std::memcpy(tag, anchor->layout_tag, sizeof tag);
  tag[sizeof tag - 1] = '\0';
  if (std::strncmp(tag, kPrefix, sizeof kPrefix - 1) != 0) return 0;
  uint32_t layout = 0;
  for (const char* p = tag + sizeof kPrefix - 1; *p >= '0' && *p <= '9' && layout < 100000; ++p) layout = layout * 10 + (*p - '0');
  return layout;
}

// The path the loader opened this copy by; owned by the loader, valid while the image is mapped.
const char* SelfPath() {
  Dl_info info{};
  return dladdr(&se_state_anchor_self, &info) != 0 && info.dli_fname != nullptr ? info.dli_fname : "";
}

// Node unloads an addon when the last environment that loaded it ends (a worker that alone
// required it). The state block, the anchor other copies found and the API table handed to other
// addons must outlive that, so each copy makes its own image permanent.
void PinSelf() {
  static const bool pinned = [] {
    const char* path = SelfPath();
    return path[0] != '\0' && dlopen(path, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE) != nullptr;
  }();
  (void)pinned;
}

void CopyText(char* out, size_t size, const char* text) {
  size_t n = std::strlen(text);
  if (n > size - 1) n = size - 1;
  std::memcpy(out, text, n);
  out[n] = '\0';
}

// In this image's own storage, which PinSelf keeps mapped for the life of the process.
StateBlock g_block;

StateBlock* CreateBlock() {
  PinSelf();
  StateBlock* block = &g_block;
  block->magic = kStateBlockMagic;
  block->layout = LayoutOf(&se_state_anchor_self);
  block->size = static_cast<uint32_t>(sizeof(StateBlock));
  pthread_mutex_init(&block->mutex, nullptr);
  block->all_seed = kDefaultDeviceSeed;
  CopyText(block->owner_version, sizeof block->owner_version, se_state_anchor_self.version);
  CopyText(block->owner_path, sizeof block->owner_path, SelfPath());
  return block;
}

int CollectName(struct dl_phdr_info* info, size_t, void* data) {
  if (info->dlpi_name != nullptr && info->dlpi_name[0] != '\0') static_cast<std::vector<std::string>*>(data)->push_back(info->dlpi_name);
  return 0;
}

// Every loaded object's path, in load order (the dynamic loader appends to its list).
std::vector<std::string> LoadedObjects() {
  std::vector<std::string> names;
  dl_iterate_phdr(CollectName, &names);
  return names;
}

// The anchor a loaded object exports, if it is a copy of this addon. RTLD_NOLOAD never loads
// anything; the handle only lets dlsym look inside that one object.
const se_state_anchor_1* AnchorIn(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_LAZY | RTLD_NOLOAD);
  if (handle == nullptr) return nullptr;
  auto* anchor = static_cast<const se_state_anchor_1*>(dlsym(handle, kAnchorName));
  dlclose(handle);
  return anchor != nullptr && anchor->magic == kAnchorMagic && anchor->acquire != nullptr ? anchor : nullptr;
}

bool Usable(const StateBlock* block, uint32_t layout) {
  return block != nullptr && block->magic == kStateBlockMagic && block->layout == layout && block->size == sizeof(StateBlock);
}

StateAttachment Attach() {
  PinSelf();
  StateAttachment out;
  const se_state_anchor_1* self = &se_state_anchor_self;
  out.layout = LayoutOf(self);
  out.self_path = SelfPath();
  const se_state_anchor_1* owner = nullptr;
  const se_state_anchor_1* same = nullptr;
  for (const std::string& name : LoadedObjects()) {
    const se_state_anchor_1* anchor = AnchorIn(name);
    if (anchor == nullptr) continue;
    if (owner == nullptr) {
      owner = anchor;
      out.owner_path = name;
    }
    if (same == nullptr && LayoutOf(anchor) == out.layout) same = anchor;
  }
  if (owner == nullptr) {
    owner = self;
    out.owner_path = out.self_path;
  }
  out.owner_layout = LayoutOf(owner);
  out.owner_version = owner->version != nullptr ? owner->version : "unknown";
  out.block = static_cast<StateBlock*>((same != nullptr ? same : self)->acquire());
  if (!Usable(out.block, out.layout)) out.block = static_cast<StateBlock*>(self->acquire());
  __atomic_add_fetch(&out.block->copies, 1, __ATOMIC_SEQ_CST);
  out.role = owner == self ? StateRole::kOwner : out.owner_layout == out.layout ? StateRole::kAdopted : StateRole::kIncompatible;
  return out;
}

}  // namespace

const StateAttachment& Attachment() {
  static const StateAttachment* attachment = new StateAttachment(Attach());
  return *attachment;
}

}  // namespace seed_everything

extern "C" {
static void* AcquireOwnBlock(void) {
  static seed_everything::StateBlock* block = nullptr;
  static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&once);
  if (block == nullptr) block = seed_everything::CreateBlock();
  pthread_mutex_unlock(&once);
  return block;
}
}
