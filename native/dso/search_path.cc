#include "dso/search_path.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <algorithm>
#include <set>

namespace seed_everything {
namespace dso {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsFolder(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Names in `folder` that `match` accepts, sorted. Environment paths are joined literally and then
// listed: a `*`, `?` or `[` in VIRTUAL_ENV or PYTHONPATH is part of a folder name, never a pattern.
template <typename Match>
std::vector<std::string> Entries(const std::string& folder, Match match) {
  std::vector<std::string> names;
  if (DIR* dir = opendir(folder.c_str())) {
    while (const struct dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (name != "." && name != ".." && match(name)) names.push_back(name);
    }
    closedir(dir);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// python3, python3.12, ...: the folder names Python gives `lib/python3.X`.
bool IsPython3Folder(const std::string& name) {
  if (name.compare(0, 7, "python3") != 0) return false;
  if (name.size() == 7) return true;
  if (name[7] != '.' || name.size() == 8) return false;
  return std::all_of(name.begin() + 8, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `prefix`/lib/python3.X/`leaf` for every python3.X folder under `prefix`/lib.
void SiteFolders(const std::string& prefix, const char* leaf, std::vector<std::string>* out) {
  std::string lib = prefix + "/lib";
  for (const std::string& py : Entries(lib, IsPython3Folder)) out->push_back(lib + "/" + py + "/" + leaf);
}

void AddFolder(const std::string& path, std::vector<std::string>* out, std::set<std::string>* seen) {
  if (!IsFolder(path)) return;
  char resolved[PATH_MAX];
  std::string key = realpath(path.c_str(), resolved) != nullptr ? resolved : path;
  if (seen->insert(key).second) out->push_back(path);
}

OverrideFolders ParseOverride() {
  OverrideFolders result;
  std::string raw = Env("SEED_EVERYTHING_CUDA_PATH");
  if (raw.empty()) return result;
  result.set = true;
  for (const std::string& entry : Split(raw, ':')) {
    for (unsigned char c : entry) {
      if (c < 0x20 || c == 0x7f) {
        result.error = "SEED_EVERYTHING_CUDA_PATH holds a control character; it must list absolute folders separated by ':'";
        return result;
      }
    }
    if (entry[0] != '/') {
      result.error = "SEED_EVERYTHING_CUDA_PATH entry '" + entry + "' is not an absolute path";
      return result;
    }
    if (!IsFolder(entry)) {
      result.error = "SEED_EVERYTHING_CUDA_PATH entry '" + entry + "' is not an existing folder";
      return result;
    }
    if (access(entry.c_str(), R_OK | X_OK) != 0) {
      result.error = "SEED_EVERYTHING_CUDA_PATH folder '" + entry + "' cannot be read";
      return result;
    }
    result.folders.push_back(entry);
  }
  if (result.folders.empty()) result.error = "SEED_EVERYTHING_CUDA_PATH is set but names no folder";
  return result;
}

}  // namespace

const OverrideFolders& ReadOverride() {
  // Libraries load lazily, one by one: reading the variable once keeps them all on one answer
  // however process.env changes in between.
  static const OverrideFolders override_folders = ParseOverride();
  return override_folders;
}

std::vector<std::string> PipWheelLibFolders() {
  // Python prefixes that may hold nvidia-* wheels: active environments, PYTHONPATH, every python
  // on PATH (a venv's bin/ sits on PATH when it is active), user and system site folders.
  std::vector<std::string> site_folders;
  for (const char* var : {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
    std::string prefix = Env(var);
    if (!prefix.empty() && prefix[0] == '/') SiteFolders(prefix, "site-packages", &site_folders);
  }
  for (const std::string& entry : Split(Env("PYTHONPATH"), ':')) site_folders.push_back(entry);
  for (const std::string& bin : Split(Env("PATH"), ':')) {
    if (bin[0] == '/' && bin.size() > 4 && bin.compare(bin.size() - 4, 4, "/bin") == 0 && access((bin + "/python3").c_str(), X_OK) == 0) {
      SiteFolders(bin.substr(0, bin.size() - 4), "site-packages", &site_folders);
    }
  }
  std::string home = Env("HOME");
  if (!home.empty() && home[0] == '/') SiteFolders(home + "/.local", "site-packages", &site_folders);
  SiteFolders("/usr/local", "dist-packages", &site_folders);
  SiteFolders("/usr/local", "site-packages", &site_folders);
  site_folders.push_back("/usr/lib/python3/dist-packages");

  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& site : site_folders) {
    if (site.empty() || site[0] != '/') continue;
    std::string nvidia = site + "/nvidia";
    for (const std::string& wheel : Entries(nvidia, [](const std::string&) { return true; })) {
      AddFolder(nvidia + "/" + wheel + "/lib", &out, &seen);
    }
  }
  return out;
}

std::vector<std::string> CudaHomeLibFolders() {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const char* var : {"CUDA_HOME", "CUDA_PATH"}) {
    std::string home = Env(var);
    if (!home.empty() && home[0] == '/') AddFolder(home + "/lib64", &out, &seen);
  }
  AddFolder("/usr/local/cuda/lib64", &out, &seen);
  return out;
}

}  // namespace dso
}  // namespace seed_everything
