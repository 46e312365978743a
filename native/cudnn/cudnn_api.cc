#include "cudnn/cudnn_api.h"

#include <sys/stat.h>

#include <string>

namespace seed_everything {
namespace {

// cuDNN 9's libcudnn.so.9 is a shim that dlopens these on demand and aborts the whole process when
// one is missing; checking first turns that abort into an error record.
const char* const kCudnn9Parts[] = {
    "libcudnn_graph.so.9",   "libcudnn_ops.so.9", "libcudnn_cnn.so.9", "libcudnn_adv.so.9",
    "libcudnn_engines_precompiled.so.9", "libcudnn_engines_runtime_compiled.so.9", "libcudnn_heuristic.so.9",
};

std::string MissingCudnn9Parts(const std::string& shim_path) {
  size_t slash = shim_path.rfind('/');
  std::string folder = slash == std::string::npos ? "." : shim_path.substr(0, slash);
  std::string missing;
  for (const char* part : kCudnn9Parts) {
    struct stat st;
    if (stat((folder + "/" + part).c_str(), &st) != 0) missing += (missing.empty() ? "" : ", ") + std::string(part);
  }
  return missing.empty() ? "" : missing + " missing next to " + shim_path;
}

void Load(CudnnApi* api) {
  dso::LibrarySpec spec{"cudnn", {"libcudnn.so.9", "libcudnn.so.8"}, true, true, [api](void* handle, dso::LibraryRecord* record) {
    if (record->soname == "libcudnn.so.9") {
      std::string missing = MissingCudnn9Parts(record->path);
      if (!missing.empty()) return "cuDNN 9 is incomplete: " + missing;
    }
    SE_CUDNN_SYMBOLS(SE_DSO_RESOLVE)
    if (!record->error.empty()) return record->error;
    int v = static_cast<int>(api->cudnnGetVersion());
    record->version = v;
    // v9 encodes major*10000 + minor*100 + patch; v8 encodes major*1000 + minor*100 + patch.
    int major_unit = v >= 90000 ? 10000 : 1000;
    record->version_text = dso::DottedVersion({v / major_unit, (v % major_unit) / 100, v % 100});
    return std::string();
  }};
  dso::Open(spec, api);
}

}  // namespace

const CudnnApi& Cudnn() { return dso::LoadOnce(Load); }

}  // namespace seed_everything
