#pragma once
// Running one convolution through cuDNN's legacy API: descriptors from a ConvKey, the perf lists
// the selection rules need, and the call itself. No N-API here, so the C API table can reuse it.
#include <cstddef>
#include <string>

#include "cudnn/algo_cache.h"
#include "cudnn/conv_key.h"

namespace seed_everything {

// "CUDNN_STATUS_NOT_SUPPORTED"-style name; v8 and v9 number their statuses differently, so the
// library names them.
std::string CudnnStatusName(int status);

// Tensors by role, whatever the direction: x is input-shaped, w filter-shaped, y output-shaped.
// Forward writes y, backward data writes x, backward filter writes w.
struct ConvPointers {
  void* x = nullptr;
  void* w = nullptr;
  void* y = nullptr;
};

constexpr int kGeometryMismatch = -1;

class ConvDescriptors {
 public:
  ConvDescriptors() = default;
  ~ConvDescriptors();
  ConvDescriptors(const ConvDescriptors&) = delete;
  ConvDescriptors& operator=(const ConvDescriptors&) = delete;

  // Returns a cuDNN status, or kGeometryMismatch when cuDNN's output shape differs from
  // ConvOutputDims (the caller sized its buffers by the latter).
  int Build(const ConvKey& key);
  int SetMathType(int math_type);   // the chosen algorithm's math type may differ from the key's

  cudnnTensorDescriptor_t x = nullptr;
  cudnnFilterDescriptor_t w = nullptr;
  cudnnTensorDescriptor_t y = nullptr;
  cudnnConvolutionDescriptor_t conv = nullptr;
};

// Device memory from the runtime table, freed on scope exit.
class DeviceScratch {
 public:
  DeviceScratch() = default;
  ~DeviceScratch();
  DeviceScratch(const DeviceScratch&) = delete;
  DeviceScratch& operator=(const DeviceScratch&) = delete;
  int Allocate(size_t bytes);  // returns a cudaError; zero bytes allocates nothing
  void* get() const { return ptr_; }
  size_t size() const { return bytes_; }

 private:
  void* ptr_ = nullptr;
  size_t bytes_ = 0;
};

struct PerfContext {
  cudnnHandle_t handle = nullptr;
  const ConvDescriptors* desc = nullptr;
  ConvPointers ptrs;  // Find*Ex runs the convolutions, so it needs real buffers
};

// A PerfSourceFn over a PerfContext.
int QueryPerf(void* context, const ConvKey& key, PerfQuery query, CudnnAlgoPerf* out, int* count);

int WorkspaceSize(cudnnHandle_t handle, const ConvDescriptors& desc, ConvDirection direction, int algo, size_t* bytes);

int RunConvolution(cudnnHandle_t handle, const ConvDescriptors& desc, ConvDirection direction, int algo,
                   const ConvPointers& ptrs, void* workspace, size_t workspace_bytes);

}  // namespace seed_everything
