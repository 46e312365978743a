#include "cudnn/cudnn_api.h"

#include <sys/stat.h>

#include <mutex>
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
  dso::LibrarySpec spec{"cudnn", {"libcudnn.so.9", "libcudnn.so.8"}, true, true, [api](void* h, dso::LibraryRecord* r) {
    if (r->soname == "libcudnn.so.9") {
      std::string missing = MissingCudnn9Parts(r->path);
      if (!missing.empty()) return "cuDNN 9 is incomplete: " + missing;
    }
    dso::Resolve(h, "cudnnGetVersion", &api->cudnnGetVersion, r);
    dso::Resolve(h, "cudnnGetErrorString", &api->cudnnGetErrorString, r);
    dso::Resolve(h, "cudnnCreate", &api->cudnnCreate, r);
    dso::Resolve(h, "cudnnDestroy", &api->cudnnDestroy, r);
    dso::Resolve(h, "cudnnSetStream", &api->cudnnSetStream, r);
    dso::Resolve(h, "cudnnCreateTensorDescriptor", &api->cudnnCreateTensorDescriptor, r);
    dso::Resolve(h, "cudnnDestroyTensorDescriptor", &api->cudnnDestroyTensorDescriptor, r);
    dso::Resolve(h, "cudnnSetTensor4dDescriptor", &api->cudnnSetTensor4dDescriptor, r);
    dso::Resolve(h, "cudnnCreateFilterDescriptor", &api->cudnnCreateFilterDescriptor, r);
    dso::Resolve(h, "cudnnDestroyFilterDescriptor", &api->cudnnDestroyFilterDescriptor, r);
    dso::Resolve(h, "cudnnSetFilter4dDescriptor", &api->cudnnSetFilter4dDescriptor, r);
    dso::Resolve(h, "cudnnCreateConvolutionDescriptor", &api->cudnnCreateConvolutionDescriptor, r);
    dso::Resolve(h, "cudnnDestroyConvolutionDescriptor", &api->cudnnDestroyConvolutionDescriptor, r);
    dso::Resolve(h, "cudnnSetConvolution2dDescriptor", &api->cudnnSetConvolution2dDescriptor, r);
    dso::Resolve(h, "cudnnSetConvolutionMathType", &api->cudnnSetConvolutionMathType, r);
    dso::Resolve(h, "cudnnSetConvolutionGroupCount", &api->cudnnSetConvolutionGroupCount, r);
    dso::Resolve(h, "cudnnGetConvolution2dForwardOutputDim", &api->cudnnGetConvolution2dForwardOutputDim, r);
    dso::Resolve(h, "cudnnGetConvolutionForwardAlgorithm_v7", &api->cudnnGetConvolutionForwardAlgorithm_v7, r);
    dso::Resolve(h, "cudnnGetConvolutionBackwardDataAlgorithm_v7", &api->cudnnGetConvolutionBackwardDataAlgorithm_v7, r);
    dso::Resolve(h, "cudnnGetConvolutionBackwardFilterAlgorithm_v7", &api->cudnnGetConvolutionBackwardFilterAlgorithm_v7, r);
    dso::Resolve(h, "cudnnFindConvolutionForwardAlgorithmEx", &api->cudnnFindConvolutionForwardAlgorithmEx, r);
    dso::Resolve(h, "cudnnFindConvolutionBackwardDataAlgorithmEx", &api->cudnnFindConvolutionBackwardDataAlgorithmEx, r);
    dso::Resolve(h, "cudnnFindConvolutionBackwardFilterAlgorithmEx", &api->cudnnFindConvolutionBackwardFilterAlgorithmEx, r);
    dso::Resolve(h, "cudnnGetConvolutionForwardWorkspaceSize", &api->cudnnGetConvolutionForwardWorkspaceSize, r);
    dso::Resolve(h, "cudnnGetConvolutionBackwardDataWorkspaceSize", &api->cudnnGetConvolutionBackwardDataWorkspaceSize, r);
    dso::Resolve(h, "cudnnGetConvolutionBackwardFilterWorkspaceSize", &api->cudnnGetConvolutionBackwardFilterWorkspaceSize, r);
    dso::Resolve(h, "cudnnConvolutionForward", &api->cudnnConvolutionForward, r);
    dso::Resolve(h, "cudnnConvolutionBackwardData", &api->cudnnConvolutionBackwardData, r);
    dso::Resolve(h, "cudnnConvolutionBackwardFilter", &api->cudnnConvolutionBackwardFilter, r);
    return r->error;
  }};
  if (dso::OpenLibrary(spec, &api->record) == nullptr) return;
  auto* r = &api->record;
  size_t v = api->cudnnGetVersion();
  r->version = static_cast<int>(v);
  // v9 encodes major*10000 + minor*100 + patch; v8 encodes major*1000 + minor*100 + patch.
  if (v >= 90000) {
    r->version_text = std::to_string(v / 10000) + "." + std::to_string((v % 10000) / 100) + "." + std::to_string(v % 100);
  } else {
    r->version_text = std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 100) + "." + std::to_string(v % 100);
  }
  r->loaded = true;
  api->ok = true;
}

}  // namespace

const CudnnApi& Cudnn() {
  static CudnnApi api;
  static std::once_flag once;
  std::call_once(once, [] { Load(&api); });
  return api;
}

}  // namespace seed_everything
