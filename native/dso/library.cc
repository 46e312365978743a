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

void* Open(const std::string& path, const std::string& origin, int extra_flags, LibraryRecord* record) {
  dlerror();
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | extra_flags);
  if (handle == nullptr && extra_flags == 0) record->attempts.push_back({path, origin, LastDlError()});
  return handle;
}

// Opens and validates one candidate. On rejection the attempt keeps the reason, the record is
// reset for the next candidate, and the handle is closed so that a later dlopen by soname cannot
// return the rejected copy.
void* Try(const std::string& path, const std::string& origin, const std::string& soname, const LibrarySpec& spec,
          LibraryRecord* record, int extra_flags = 0) {
  void* handle = Open(path, origin, extra_flags, record);
  if (handle == nullptr) return nullptr;
  record->path = MappedPath(handle, path);
  record->origin = origin;
  record->soname = soname;
  record->error.clear();
  std::string why = spec.validate ? spec.validate(handle, record) : std::string();
  if (why.empty()) {
    record->attempts.push_back({path, origin, ""});
    return handle;
  }
  record->attempts.push_back({path, origin, why});
  record->path.clear();
  record->origin.clear();
  record->soname.clear();
  record->version = 0;
  record->version_text.clear();
  record->error = why;
  dlclose(handle);
  return nullptr;
}

}  // namespace

void* OpenLibrary(const LibrarySpec& spec, LibraryRecord* record) {
  record->name = spec.name;

  // 1. The explicit override. A broken variable, or a file in it that will not load, is an error:
  //    silently loading some other copy would hide exactly what the user tried to choose.
  const OverrideFolders& override_folders = ReadOverride();
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
      if (void* handle = Try(path, "override", soname, spec, record)) return handle;
      record->error = "SEED_EVERYTHING_CUDA_PATH names " + path + ", which could not be loaded: " +
                      record->attempts.back().error;
      return nullptr;
    }
  }

  // 2. A copy another library (libtensorflow, another addon) already brought into the process.
  for (const std::string& soname : spec.sonames) {
    if (void* handle = Try(soname, "loaded", soname, spec, record, RTLD_NOLOAD)) return handle;
  }

  // 3. and 4. Folders of pip wheels and of a CUDA toolkit. From here on a copy that does not load or
  //    does not validate is passed over for the next one.
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
      if (void* handle = Try(path, origin, soname, spec, record)) return handle;
    }
  }

  // 5. The dynamic linker's own search (LD_LIBRARY_PATH, ld.so.cache, system folders).
  for (const std::string& soname : spec.sonames) {
    if (void* handle = Try(soname, "system", soname, spec, record)) return handle;
  }
  std::string tried = std::to_string(record->attempts.size()) + " location(s)";
  record->error = record->error.empty() ? "not found: tried " + tried : "no usable copy in " + tried + "; last: " + record->error;
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

std::string DottedVersion(std::initializer_list<int> parts) {
  std::string text;
  for (int part : parts) text += (text.empty() ? "" : ".") + std::to_string(part);
  return text;
}

}  // namespace dso
}  // namespace seed_everything
