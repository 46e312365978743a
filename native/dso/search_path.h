#pragma once
// Where CUDA libraries are looked for, in order: SEED_EVERYTHING_CUDA_PATH, a copy already in the
// process, pip `nvidia/*/lib` wheel folders, $CUDA_HOME / $CUDA_PATH / /usr/local/cuda lib64, then
// the plain soname (the dynamic linker's own search).
#include <string>
#include <vector>

namespace seed_everything {
namespace dso {

struct OverrideFolders {
  bool set = false;                  // the variable is present and not empty
  std::vector<std::string> folders;  // usable absolute folders
  std::string error;                 // non-empty: the variable is unusable and loading must fail
};

// Read once per process, when the first library is loaded.
const OverrideFolders& ReadOverride();
std::vector<std::string> PipWheelLibFolders();
std::vector<std::string> CudaHomeLibFolders();

}  // namespace dso
}  // namespace seed_everything
