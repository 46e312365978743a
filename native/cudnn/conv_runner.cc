#include "cudnn/conv_runner.h"

#include <algorithm>

#include "cuda/cudart_api.h"

namespace seed_everything {
namespace {

constexpr int kCrossCorrelation = 1;
constexpr int kStatusSuccess = 0;
// Scaling factors are float for float and half data (double only for double data).
const float kOne = 1.0f;
const float kZero = 0.0f;

}  // namespace

std::string CudnnStatusName(int status) {
  const CudnnApi& api = Cudnn();
  if (api.ok && api.cudnnGetErrorString != nullptr) {
    const char* s = api.cudnnGetErrorString(status);
    if (s != nullptr && std::string(s).rfind("CUDNN_STATUS_", 0) == 0) return s;
  }
  return "CUDNN_STATUS_" + std::to_string(status);
}

ConvDescriptors::~ConvDescriptors() {
  const CudnnApi& api = Cudnn();
  if (x != nullptr) api.cudnnDestroyTensorDescriptor(x);
  if (y != nullptr) api.cudnnDestroyTensorDescriptor(y);
  if (w != nullptr) api.cudnnDestroyFilterDescriptor(w);
  if (conv != nullptr) api.cudnnDestroyConvolutionDescriptor(conv);
}

int ConvDescriptors::Build(const ConvKey& key) {
  const CudnnApi& api = Cudnn();
  int s = api.cudnnCreateTensorDescriptor(&x);
  if (s == kStatusSuccess) s = api.cudnnCreateTensorDescriptor(&y);
  if (s == kStatusSuccess) s = api.cudnnCreateFilterDescriptor(&w);
  if (s == kStatusSuccess) s = api.cudnnCreateConvolutionDescriptor(&conv);
  if (s != kStatusSuccess) return s;
  const auto& in = key.input;
  const auto& f = key.filter;
  std::array<int, 4> out = ConvOutputDims(key);
  s = api.cudnnSetTensor4dDescriptor(x, key.layout, key.data_type, in[0], in[1], in[2], in[3]);
  if (s == kStatusSuccess) s = api.cudnnSetFilter4dDescriptor(w, key.data_type, key.layout, f[0], f[1], f[2], f[3]);
  if (s == kStatusSuccess) s = api.cudnnSetTensor4dDescriptor(y, key.layout, key.data_type, out[0], out[1], out[2], out[3]);
  // Half data accumulates in float, as frameworks do: half accumulation loses too much to compare.
  if (s == kStatusSuccess) {
    s = api.cudnnSetConvolution2dDescriptor(conv, key.padding[0], key.padding[1], key.stride[0], key.stride[1],
                                            key.dilation[0], key.dilation[1], kCrossCorrelation, kCudnnDataFloat);
  }
  if (s == kStatusSuccess) s = api.cudnnSetConvolutionGroupCount(conv, key.groups);
  if (s == kStatusSuccess) s = api.cudnnSetConvolutionMathType(conv, key.math_type);
  if (s == kStatusSuccess) {
    // cuDNN's own output geometry must agree with the one the caller sized its buffers by.
    int n = 0, c = 0, h = 0, wd = 0;
    s = api.cudnnGetConvolution2dForwardOutputDim(conv, x, w, &n, &c, &h, &wd);
    if (s == kStatusSuccess && (n != out[0] || c != out[1] || h != out[2] || wd != out[3])) s = kGeometryMismatch;
  }
  return s;
}

int ConvDescriptors::SetMathType(int math_type) { return Cudnn().cudnnSetConvolutionMathType(conv, math_type); }

DeviceScratch::~DeviceScratch() {
  if (ptr_ != nullptr) Cudart().cudaFree(ptr_);
}

int DeviceScratch::Allocate(size_t bytes) {
  if (ptr_ != nullptr) Cudart().cudaFree(ptr_);
  ptr_ = nullptr;
  bytes_ = 0;
  if (bytes == 0) return 0;
  int status = Cudart().cudaMalloc(&ptr_, bytes);
  if (status != 0) {
    ptr_ = nullptr;
    Cudart().cudaGetLastError();  // a failed cudaMalloc would otherwise be reported by a later, unrelated check
    return status;
  }
  bytes_ = bytes;
  return 0;
}

int WorkspaceSize(cudnnHandle_t handle, const ConvDescriptors& d, ConvDirection direction, int algo, size_t* bytes) {
  const CudnnApi& api = Cudnn();
  *bytes = 0;
  switch (direction) {
    case ConvDirection::kForward:
      return api.cudnnGetConvolutionForwardWorkspaceSize(handle, d.x, d.w, d.conv, d.y, algo, bytes);
    case ConvDirection::kBackwardData:
      return api.cudnnGetConvolutionBackwardDataWorkspaceSize(handle, d.w, d.y, d.conv, d.x, algo, bytes);
    case ConvDirection::kBackwardFilter:
      return api.cudnnGetConvolutionBackwardFilterWorkspaceSize(handle, d.x, d.y, d.conv, d.w, algo, bytes);
  }
  return -1;
}

namespace {

int Heuristic(const PerfContext& ctx, ConvDirection direction, CudnnAlgoPerf* out, int* count) {
  const CudnnApi& api = Cudnn();
  const ConvDescriptors& d = *ctx.desc;
  int n = AlgoCount(direction);
  switch (direction) {
    case ConvDirection::kForward:
      return api.cudnnGetConvolutionForwardAlgorithm_v7(ctx.handle, d.x, d.w, d.conv, d.y, n, count, out);
    case ConvDirection::kBackwardData:
      return api.cudnnGetConvolutionBackwardDataAlgorithm_v7(ctx.handle, d.w, d.y, d.conv, d.x, n, count, out);
    case ConvDirection::kBackwardFilter:
      return api.cudnnGetConvolutionBackwardFilterAlgorithm_v7(ctx.handle, d.x, d.y, d.conv, d.w, n, count, out);
  }
  return -1;
}

// The workspace Find*Ex may use: the most any algorithm asks for, capped by the limit and by what
// the device has free; halved until an allocation succeeds, down to none.
void BenchmarkWorkspace(PerfContext* ctx, const ConvKey& key, DeviceScratch* scratch) {
  size_t wanted = 0;
  for (int algo = 0; algo < AlgoCount(key.direction); algo++) {
    size_t bytes = 0;
    if (WorkspaceSize(ctx->handle, *ctx->desc, key.direction, algo, &bytes) == kStatusSuccess) wanted = std::max(wanted, bytes);
  }
  wanted = std::min(wanted, key.workspace_limit);
  size_t free_bytes = 0, total = 0;
  if (Cudart().cudaMemGetInfo(&free_bytes, &total) == 0) wanted = std::min(wanted, free_bytes / 10 * 9);
  while (wanted > 0 && scratch->Allocate(wanted) != 0) wanted /= 2;
}

int Benchmark(PerfContext* ctx, const ConvKey& key, CudnnAlgoPerf* out, int* count) {
  const CudnnApi& api = Cudnn();
  const ConvDescriptors& d = *ctx->desc;
  DeviceScratch ws;
  BenchmarkWorkspace(ctx, key, &ws);
  int n = AlgoCount(key.direction);
  const ConvPointers& p = ctx->ptrs;
  switch (key.direction) {
    case ConvDirection::kForward:
      return api.cudnnFindConvolutionForwardAlgorithmEx(ctx->handle, d.x, p.x, d.w, p.w, d.conv, d.y, p.y, n, count, out,
                                                        ws.get(), ws.size());
    case ConvDirection::kBackwardData:
      return api.cudnnFindConvolutionBackwardDataAlgorithmEx(ctx->handle, d.w, p.w, d.y, p.y, d.conv, d.x, p.x, n, count,
                                                             out, ws.get(), ws.size());
    case ConvDirection::kBackwardFilter:
      return api.cudnnFindConvolutionBackwardFilterAlgorithmEx(ctx->handle, d.x, p.x, d.y, p.y, d.conv, d.w, p.w, n,
                                                               count, out, ws.get(), ws.size());
  }
  return -1;
}

}  // namespace

int QueryPerf(void* context, const ConvKey& key, PerfQuery query, CudnnAlgoPerf* out, int* count) {
  auto* ctx = static_cast<PerfContext*>(context);
  *count = 0;
  if (query == PerfQuery::kHeuristic) return Heuristic(*ctx, key.direction, out, count);
  if (query == PerfQuery::kBenchmark) return Benchmark(ctx, key, out, count);
  CudnnAlgoPerf& p = out[0];
  p = CudnnAlgoPerf{};
  p.algo = DefaultDeterministicAlgo(key.direction);
  p.status = WorkspaceSize(ctx->handle, *ctx->desc, key.direction, p.algo, &p.memory);
  p.time = -1.0f;
  p.determinism = 1;
  p.mathType = key.math_type;
  *count = 1;
  return kStatusSuccess;
}

int RunConvolution(cudnnHandle_t handle, const ConvDescriptors& d, ConvDirection direction, int algo,
                   const ConvPointers& p, void* workspace, size_t workspace_bytes) {
  const CudnnApi& api = Cudnn();
  switch (direction) {
    case ConvDirection::kForward:
      return api.cudnnConvolutionForward(handle, &kOne, d.x, p.x, d.w, p.w, d.conv, algo, workspace, workspace_bytes,
                                         &kZero, d.y, p.y);
    case ConvDirection::kBackwardData:
      return api.cudnnConvolutionBackwardData(handle, &kOne, d.w, p.w, d.y, p.y, d.conv, algo, workspace,
                                              workspace_bytes, &kZero, d.x, p.x);
    case ConvDirection::kBackwardFilter:
      return api.cudnnConvolutionBackwardFilter(handle, &kOne, d.x, p.x, d.y, p.y, d.conv, algo, workspace,
                                                workspace_bytes, &kZero, d.w, p.w);
  }
  return -1;
}

}  // namespace seed_everything
