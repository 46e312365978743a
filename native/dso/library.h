#pragma once
// Opens one CUDA library by trying each candidate in the search order and remembers every
// attempt with its dlerror(), so that `doctor` can say exactly why a library is missing.
#include <functional>
#include <initializer_list>
#include <mutex>
#include <string>
#include <vector>

// Each CUDA library's symbols are one X-macro list, rows X(name, required, return type, parameter
// types...), so that a name is written once: the function table's fields, the resolve loop and the
// lists the addon reports (for the loader tests' stand-in libraries) all expand from it. A symbol
// is required only when the package calls it unguarded.
#define SE_DSO_FIELD(name, required, ret, ...) ret (*name)(__VA_ARGS__) = nullptr;
#define SE_DSO_RESOLVE(name, required, ret, ...) \
  ::seed_everything::dso::Resolve(handle, #name, &api->name, record, required);
#define SE_DSO_SYMBOL(name, required, ret, ...) {#name, required},

namespace seed_everything {
namespace dso {

struct LoadAttempt {
  std::string path;    // absolute path, or the bare soname for the dynamic linker's search
  std::string origin;  // "override", "loaded", "pip", "cuda-home", "system"
  std::string error;   // empty when this attempt succeeded
};

struct LibraryRecord {
  std::string name;     // "cuda", "cudart", "curand", "cudnn"
  bool loaded = false;  // loaded and every required symbol resolved
  std::string path;     // the file actually mapped
  std::string origin;
  std::string soname;
  int version = 0;      // the library's own version number, 0 when unknown
  std::string version_text;
  std::string error;    // why the library is unusable
  std::vector<LoadAttempt> attempts;
};

// Checks a freshly opened candidate (resolves its symbols, reads its version) and returns why it
// is unusable, or "" when it can be used. `record` already names the candidate's path and soname.
using Validate = std::function<std::string(void* handle, LibraryRecord* record)>;

struct LibrarySpec {
  const char* name;
  std::vector<std::string> sonames;  // preferred first
  bool search_wheels;
  bool search_cuda_home;
  Validate validate;
};

// Returns the handle of the first candidate that opens and validates, or nullptr; `record` says
// what happened either way. A rejected override is an error; any other rejected candidate is
// closed and the search goes on.
void* OpenLibrary(const LibrarySpec& spec, LibraryRecord* record);

// Looks up `symbol`; when it is missing and `required`, marks the record unusable.
void* FindSymbol(void* handle, const char* symbol, bool required, LibraryRecord* record);

struct Symbol {
  const char* name;
  bool required;
};

// "12.4" from {12, 4}: how doctor prints library versions.
std::string DottedVersion(std::initializer_list<int> parts);

// Opens `spec` into `api` (a table with `record` and `ok`); true when usable.
template <typename Api>
bool Open(const LibrarySpec& spec, Api* api) {
  api->ok = OpenLibrary(spec, &api->record) != nullptr;
  api->record.loaded = api->ok;
  return api->ok;
}

// The one table of each Api type, filled by `load` on the first call from any thread; libraries
// are never opened at import.
template <typename Api>
const Api& LoadOnce(void (*load)(Api*)) {
  static Api api;
  static std::once_flag once;
  std::call_once(once, load, &api);
  return api;
}

template <typename Fn>
void Resolve(void* handle, const char* symbol, Fn* out, LibraryRecord* record, bool required) {
  *out = reinterpret_cast<Fn>(FindSymbol(handle, symbol, required, record));
}

}  // namespace dso
}  // namespace seed_everything
