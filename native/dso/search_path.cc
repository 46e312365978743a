#include "dso/search_path.h"

#include <glob.h>
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

void Glob(const std::string& pattern, std::vector<std::string>* out, std::set<std::string>* seen) {
  glob_t g{};
  if (glob(pattern.c_str(), GLOB_NOSORT, nullptr, &g) == 0) {
    std::vector<std::string> found(g.gl_pathv, g.gl_pathv + g.gl_pathc);
    std::sort(found.begin(), found.end());
    for (const auto& p : found) {
      char resolved[PATH_MAX];
      std::string key = realpath(p.c_str(), resolved) != nullptr ? resolved : p;
      if (IsFolder(p) && seen->insert(key).second) out->push_back(p);
    }
  }
  globfree(&g);
}

}  // namespace

OverrideFolders ReadOverride() {
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

std::vector<std::string> PipWheelLibFolders() {
  // Python prefixes that may hold nvidia-* wheels: active environments, PYTHONPATH, every python
  // on PATH (a venv's bin/ sits on PATH when it is active), user and system site folders.
  std::vector<std::string> site_folders;
  for (const char* var : {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
    std::string prefix = Env(var);
    if (!prefix.empty()) site_folders.push_back(prefix + "/lib/python3*/site-packages");
  }
  for (const std::string& entry : Split(Env("PYTHONPATH"), ':')) site_folders.push_back(entry);
  for (const std::string& bin : Split(Env("PATH"), ':')) {
    if (bin.size() > 4 && bin.compare(bin.size() - 4, 4, "/bin") == 0) {
      std::string prefix = bin.substr(0, bin.size() - 4);
      if (access((bin + "/python3").c_str(), X_OK) == 0) site_folders.push_back(prefix + "/lib/python3*/site-packages");
    }
  }
  std::string home = Env("HOME");
  if (!home.empty()) site_folders.push_back(home + "/.local/lib/python3*/site-packages");
  site_folders.push_back("/usr/local/lib/python3*/dist-packages");
  site_folders.push_back("/usr/local/lib/python3*/site-packages");
  site_folders.push_back("/usr/lib/python3/dist-packages");

  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& site : site_folders) {
    if (site.empty() || site[0] != '/') continue;
    Glob(site + "/nvidia/*/lib", &out, &seen);
  }
  return out;
}

std::vector<std::string> CudaHomeLibFolders() {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const char* var : {"CUDA_HOME", "CUDA_PATH"}) {
    std::string home = Env(var);
    if (!home.empty() && home[0] == '/') Glob(home + "/lib64", &out, &seen);
  }
  Glob("/usr/local/cuda/lib64", &out, &seen);
  return out;
}

}  // namespace dso
}  // namespace seed_everything
