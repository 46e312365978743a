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

// cudnnGetErrorString is optional: conv_runner.cc falls back to the status number without it.
#define SE_CUDNN_SYMBOLS(X) \
  X(cudnnGetVersion, true, size_t, void) \
  X(cudnnGetErrorString, false, const char*, int) \
  X(cudnnCreate, true, int, cudnnHandle_t*) \
  X(cudnnDestroy, true, int, cudnnHandle_t) \
  X(cudnnCreateTensorDescriptor, true, int, cudnnTensorDescriptor_t*) \
  X(cudnnDestroyTensorDescriptor, true, int, cudnnTensorDescriptor_t) \
  X(cudnnSetTensor4dDescriptor, true, int, cudnnTensorDescriptor_t, int, int, int, int, int, int) \
  X(cudnnCreateFilterDescriptor, true, int, cudnnFilterDescriptor_t*) \
  X(cudnnDestroyFilterDescriptor, true, int, cudnnFilterDescriptor_t) \
  X(cudnnSetFilter4dDescriptor, true, int, cudnnFilterDescriptor_t, int, int, int, int, int, int) \
  X(cudnnCreateConvolutionDescriptor, true, int, cudnnConvolutionDescriptor_t*) \
  X(cudnnDestroyConvolutionDescriptor, true, int, cudnnConvolutionDescriptor_t) \
  X(cudnnSetConvolution2dDescriptor, true, int, cudnnConvolutionDescriptor_t, int, int, int, int, int, int, int, int) \
  X(cudnnSetConvolutionMathType, true, int, cudnnConvolutionDescriptor_t, int) \
  X(cudnnSetConvolutionGroupCount, true, int, cudnnConvolutionDescriptor_t, int) \
  X(cudnnGetConvolution2dForwardOutputDim, true, int, cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, cudnnFilterDescriptor_t, int*, int*, int*, int*) \
  X(cudnnGetConvolutionForwardAlgorithm_v7, true, int, cudnnHandle_t, cudnnTensorDescriptor_t, cudnnFilterDescriptor_t, cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, int, int*, CudnnAlgoPerf*) \
  X(cudnnGetConvolutionBackwardDataAlgorithm_v7, true, int, cudnnHandle_t, cudnnFilterDescriptor_t, cudnnTensorDescriptor_t, cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, int, int*, CudnnAlgoPerf*) \
  X(cudnnGetConvolutionBackwardFilterAlgorithm_v7, true, int, cudnnHandle_t, cudnnTensorDescriptor_t, cudnnTensorDescriptor_t, cudnnConvolutionDescriptor_t, cudnnFilterDescriptor_t, int, int*, CudnnAlgoPerf*) \
  X(cudnnFindConvolutionForwardAlgorithmEx, true, int, cudnnHandle_t, cudnnTensorDescriptor_t, const void*, cudnnFilterDescriptor_t, const void*, cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, void*, int, int*, CudnnAlgoPerf*, void*, size_t) \
  X(cudnnFindConvolutionBackwardDataAlgorithmEx, true, int, cudnnHandle_t, cudnnFilterDescriptor_t, const void*, cudnnTensorDescriptor_t, const void*, cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, void*, int, int*, CudnnAlgoPerf*, void*, size_t) \
  X(cudnnFindConvolutionBackwardFilterAlgorithmEx, true, int, cudnnHandle_t, cudnnTensorDescriptor_t, const void*, cudnnTensorDescriptor_t, const void*, cudnnConvolutionDescriptor_t, cudnnFilterDescriptor_t, void*, int, int*, CudnnAlgoPerf*, void*, size_t) \
  X(cudnnGetConvolutionForwardWorkspaceSize, true, int, cudnnHandle_t, cudnnTensorDescriptor_t, cudnnFilterDescriptor_t, cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, int, size_t*) \
  X(cudnnGetConvolutionBackwardDataWorkspaceSize, true, int, cudnnHandle_t, cudnnFilterDescriptor_t, cudnnTensorDescriptor_t, cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t, int, size_t*) \
  X(cudnnGetConvolutionBackwardFilterWorkspaceSize, true, int, cudnnHandle_t, cudnnTensorDescriptor_t, cudnnTensorDescriptor_t, cudnnConvolutionDescriptor_t, cudnnFilterDescriptor_t, int, size_t*) \
  X(cudnnConvolutionForward, true, int, cudnnHandle_t, const void*, cudnnTensorDescriptor_t, const void*, cudnnFilterDescriptor_t, const void*, cudnnConvolutionDescriptor_t, int, void*, size_t, const void*, cudnnTensorDescriptor_t, void*) \
  X(cudnnConvolutionBackwardData, true, int, cudnnHandle_t, const void*, cudnnFilterDescriptor_t, const void*, cudnnTensorDescriptor_t, const void*, cudnnConvolutionDescriptor_t, int, void*, size_t, const void*, cudnnTensorDescriptor_t, void*) \
  X(cudnnConvolutionBackwardFilter, true, int, cudnnHandle_t, const void*, cudnnTensorDescriptor_t, const void*, cudnnTensorDescriptor_t, const void*, cudnnConvolutionDescriptor_t, int, void*, size_t, const void*, cudnnFilterDescriptor_t, void*)

struct CudnnApi {
  dso::LibraryRecord record;
  bool ok = false;

  SE_CUDNN_SYMBOLS(SE_DSO_FIELD)
};

const CudnnApi& Cudnn();

}  // namespace seed_everything
