#pragma once
// cuDNN's legacy C ABI (shared by v8 and v9; deprecated but present in 9.x), hand-declared.
#include <cstddef>

#include "dso/library.h"

namespace seed_everything {

using cudnnHandle_t = void*;
using cudnnTensorDescriptor_t = void*;
using cudnnFilterDescriptor_t = void*;
using cudnnConvolutionDescriptor_t = void*;

// Identical layout for forward, backward-data and backward-filter perf results (48 bytes, LP64).
struct CudnnAlgoPerf {
  int algo;
  int status;
  float time;
  size_t memory;
  int determinism;  // 0 non-deterministic, 1 deterministic
  int mathType;
  int reserved[3];
};
static_assert(sizeof(CudnnAlgoPerf) == 48, "cuDNN perf struct layout");

struct CudnnApi {
  dso::LibraryRecord record;
  bool ok = false;

  size_t (*cudnnGetVersion)() = nullptr;
  const char* (*cudnnGetErrorString)(int) = nullptr;
  int (*cudnnCreate)(cudnnHandle_t*) = nullptr;
  int (*cudnnDestroy)(cudnnHandle_t) = nullptr;
  int (*cudnnSetStream)(cudnnHandle_t, void*) = nullptr;

  int (*cudnnCreateTensorDescriptor)(cudnnTensorDescriptor_t*) = nullptr;
  int (*cudnnDestroyTensorDescriptor)(cudnnTensorDescriptor_t) = nullptr;
  int (*cudnnSetTensor4dDescriptor)(cudnnTensorDescriptor_t, int format, int dtype, int n, int c, int h, int w) = nullptr;
  int (*cudnnCreateFilterDescriptor)(cudnnFilterDescriptor_t*) = nullptr;
  int (*cudnnDestroyFilterDescriptor)(cudnnFilterDescriptor_t) = nullptr;
  int (*cudnnSetFilter4dDescriptor)(cudnnFilterDescriptor_t, int dtype, int format, int k, int c, int h, int w) = nullptr;
  int (*cudnnCreateConvolutionDescriptor)(cudnnConvolutionDescriptor_t*) = nullptr;
  int (*cudnnDestroyConvolutionDescriptor)(cudnnConvolutionDescriptor_t) = nullptr;
  int (*cudnnSetConvolution2dDescriptor)(cudnnConvolutionDescriptor_t, int pad_h, int pad_w, int u, int v, int dil_h,
                                         int dil_w, int mode, int compute_type) = nullptr;
  int (*cudnnSetConvolutionMathType)(cudnnConvolutionDescriptor_t, int) = nullptr;
  int (*cudnnSetConvolutionGroupCount)(cudnnConvolutionDescriptor_t, int) = nullptr;
  int (*cudnnGetConvolution2dForwardOutputDim)(cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t,
                                               cudnnFilterDescriptor_t, int*, int*, int*, int*) = nullptr;

  int (*cudnnGetConvolutionForwardAlgorithm_v7)(cudnnHandle_t, cudnnTensorDescriptor_t, cudnnFilterDescriptor_t,
                                                cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, int, int*,
                                                CudnnAlgoPerf*) = nullptr;
  int (*cudnnGetConvolutionBackwardDataAlgorithm_v7)(cudnnHandle_t, cudnnFilterDescriptor_t, cudnnTensorDescriptor_t,
                                                     cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, int, int*,
                                                     CudnnAlgoPerf*) = nullptr;
  int (*cudnnGetConvolutionBackwardFilterAlgorithm_v7)(cudnnHandle_t, cudnnTensorDescriptor_t, cudnnTensorDescriptor_t,
                                                       cudnnConvolutionDescriptor_t, cudnnFilterDescriptor_t, int,
                                                       int*, CudnnAlgoPerf*) = nullptr;
  int (*cudnnFindConvolutionForwardAlgorithmEx)(cudnnHandle_t, cudnnTensorDescriptor_t, const void*,
                                                cudnnFilterDescriptor_t, const void*, cudnnConvolutionDescriptor_t,
                                                cudnnTensorDescriptor_t, void*, int, int*, CudnnAlgoPerf*, void*,
                                                size_t) = nullptr;
  int (*cudnnFindConvolutionBackwardDataAlgorithmEx)(cudnnHandle_t, cudnnFilterDescriptor_t, const void*,
                                                     cudnnTensorDescriptor_t, const void*,
                                                     cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, void*, int,
                                                     int*, CudnnAlgoPerf*, void*, size_t) = nullptr;
  int (*cudnnFindConvolutionBackwardFilterAlgorithmEx)(cudnnHandle_t, cudnnTensorDescriptor_t, const void*,
                                                       cudnnTensorDescriptor_t, const void*,
                                                       cudnnConvolutionDescriptor_t, cudnnFilterDescriptor_t, void*,
                                                       int, int*, CudnnAlgoPerf*, void*, size_t) = nullptr;
  int (*cudnnGetConvolutionForwardWorkspaceSize)(cudnnHandle_t, cudnnTensorDescriptor_t, cudnnFilterDescriptor_t,
                                                 cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, int,
                                                 size_t*) = nullptr;
  int (*cudnnGetConvolutionBackwardDataWorkspaceSize)(cudnnHandle_t, cudnnFilterDescriptor_t, cudnnTensorDescriptor_t,
                                                      cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, int,
                                                      size_t*) = nullptr;
  int (*cudnnGetConvolutionBackwardFilterWorkspaceSize)(cudnnHandle_t, cudnnTensorDescriptor_t,
                                                        cudnnTensorDescriptor_t, cudnnConvolutionDescriptor_t,
                                                        cudnnFilterDescriptor_t, int, size_t*) = nullptr;
  int (*cudnnConvolutionForward)(cudnnHandle_t, const void* alpha, cudnnTensorDescriptor_t, const void*,
                                 cudnnFilterDescriptor_t, const void*, cudnnConvolutionDescriptor_t, int algo,
                                 void* workspace, size_t, const void* beta, cudnnTensorDescriptor_t, void*) = nullptr;
  int (*cudnnConvolutionBackwardData)(cudnnHandle_t, const void* alpha, cudnnFilterDescriptor_t, const void*,
                                      cudnnTensorDescriptor_t, const void*, cudnnConvolutionDescriptor_t, int algo,
                                      void* workspace, size_t, const void* beta, cudnnTensorDescriptor_t,
                                      void*) = nullptr;
  int (*cudnnConvolutionBackwardFilter)(cudnnHandle_t, const void* alpha, cudnnTensorDescriptor_t, const void*,
                                        cudnnTensorDescriptor_t, const void*, cudnnConvolutionDescriptor_t, int algo,
                                        void* workspace, size_t, const void* beta, cudnnFilterDescriptor_t,
                                        void*) = nullptr;
};

const CudnnApi& Cudnn();

}  // namespace seed_everything
