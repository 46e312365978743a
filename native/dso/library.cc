#include "dso/library.h"

#include <dlfcn.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dso/search_path.h"

namespace seed_everything {
namespace dso {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string MappedPath(void* handle, const std::string& fallback) {
  struct link_map* map = nullptr;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map != nullptr && map->l_name != nullptr && map->l_name[0]) {
    return map->l_name;
  }
  return fallback;
}

std::string LastDlError() {
  const char* err = dlerror();
  return err == nullptr ? std::string("unknown dlopen error") : std::string(err);
}

void* Try(const std::string& path, const std::string& origin, const std::string& soname, LibraryRecord* record) {
  dlerror();
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    record->attempts.push_back({path, origin, LastDlError()});
    return nullptr;
  }
  record->attempts.push_back({path, origin, ""});
  record->path = MappedPath(handle, path);
  record->origin = origin;
  record->soname = soname;
  return handle;
}

}  // namespace

void* OpenLibrary(const LibrarySpec& spec, LibraryRecord* record) {
  record->name = spec.name;

  // 1. The explicit override. A broken variable, or a file in it that will not load, is an error:
  //    silently loading some other copy would hide exactly what the user tried to choose.
  OverrideFolders override_folders = ReadOverride();
  if (!override_folders.error.empty()) {
    record->attempts.push_back({"SEED_EVERYTHING_CUDA_PATH", "override", override_folders.error});
    record->error = override_folders.error;
    return nullptr;
  }
  for (const std::string& folder : override_folders.folders) {
    for (const std::string& soname : spec.sonames) {
      std::string path = folder + "/" + soname;
      if (!Exists(path)) {
        record->attempts.push_back({path, "override", "no such file"});
        continue;
      }
      if (void* handle = Try(path, "override", soname, record)) return handle;
      record->error = "SEED_EVERYTHING_CUDA_PATH names " + path + ", which could not be loaded: " +
                      record->attempts.back().error;
      return nullptr;
    }
  }

  // 2. A copy another library (libtensorflow, another addon) already brought into the process.
  for (const std::string& soname : spec.sonames) {
    dlerror();
    if (void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD)) {
      record->attempts.push_back({soname, "loaded", ""});
      record->path = MappedPath(handle, soname);
      record->origin = "loaded";
      record->soname = soname;
      return handle;
    }
  }

  // 3. and 4. Folders of pip wheels and of a CUDA toolkit.
  std::vector<std::pair<std::string, std::string>> folders;
  if (spec.search_wheels) {
    for (const std::string& f : PipWheelLibFolders()) folders.emplace_back(f, "pip");
  }
  if (spec.search_cuda_home) {
    for (const std::string& f : CudaHomeLibFolders()) folders.emplace_back(f, "cuda-home");
  }
  for (const auto& [folder, origin] : folders) {
    for (const std::string& soname : spec.sonames) {
      std::string path = folder + "/" + soname;
      if (!Exists(path)) continue;  // wheel folders hold many libraries: only real files are worth listing
      if (void* handle = Try(path, origin, soname, record)) return handle;
    }
  }

  // 5. The dynamic linker's own search (LD_LIBRARY_PATH, ld.so.cache, system folders).
  for (const std::string& soname : spec.sonames) {
    if (void* handle = Try(soname, "system", soname, record)) return handle;
  }
  record->error = "not found: tried " + std::to_string(record->attempts.size()) + " location(s)";
  return nullptr;
}

void* FindSymbol(void* handle, const char* symbol, bool required, LibraryRecord* record) {
  dlerror();
  void* address = dlsym(handle, symbol);
  if (address == nullptr && required && record->error.empty()) {
    record->error = std::string("missing required symbol ") + symbol + " in " + record->path;
  }
  return address;
}

}  // namespace dso
}  // namespace seed_everything
