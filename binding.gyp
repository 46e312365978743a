# Needs nothing but node, native/sources.json (the one source list, which CMakeLists.txt reads
# too) and native/gen_constants.js, which turns native/constants.json into generated/constants.h in
# the build folder: the published tarball ships no scripts/. The SIMD files get their instruction-set flags on
# x86 only; elsewhere (arm64) they compile to empty kernel tables and the portable kernels run.
{
  "target_defaults": {
    "include_dirs": [
      "<!(node -p \"require('node-addon-api').include_dir\")",
      "include",
      "native"
    ],
    "defines": [
      "NAPI_VERSION=8",
      "NAPI_CPP_EXCEPTIONS",
      "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS",
      "SE_PACKAGE_VERSION=<!(node -p \"require('./package.json').version\")"
    ],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++20"],
    "cflags_cc": ["-std=c++17", "-fexceptions", "-O3", "-ffp-contract=off", "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-unused-parameter"],
    "xcode_settings": {
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
      "CLANG_CXX_LANGUAGE_STANDARD": "c++17"
    }
  },
  "targets": [
    {
      "target_name": "seed_everything_avx2",
      "type": "static_library",
      "sources": ["native/philox/simd_anchor.cc", "<!@(node -p \"require('./native/sources.json').avx2.join(' ')\")"],
      "cflags_cc": ["-fPIC"],
      "conditions": [["target_arch=='x64' or target_arch=='ia32'", {"cflags_cc": ["<!@(node -p \"require('./native/sources.json').flags.avx2.join(' ')\")"]}]]
    },
    {
      "target_name": "seed_everything_avx512",
      "type": "static_library",
      "sources": ["native/philox/simd_anchor.cc", "<!@(node -p \"require('./native/sources.json').avx512.join(' ')\")"],
      "cflags_cc": ["-fPIC"],
      "conditions": [["target_arch=='x64' or target_arch=='ia32'", {"cflags_cc": ["<!@(node -p \"require('./native/sources.json').flags.avx512.join(' ')\")"]}]]
    },
    {
      "target_name": "seed_everything",
      "sources": ["<!@(node -p \"require('./native/sources.json').common.join(' ')\")"],
      "include_dirs": ["<(SHARED_INTERMEDIATE_DIR)"],
      "actions": [
        {
          "action_name": "constants_header",
          "inputs": ["native/gen_constants.js", "native/constants.json"],
          "outputs": ["<(SHARED_INTERMEDIATE_DIR)/generated/constants.h"],
          "action": ["node", "native/gen_constants.js", "native/constants.json", "<(SHARED_INTERMEDIATE_DIR)/generated/constants.h"]
        }
      ],
      "dependencies": ["seed_everything_avx2", "seed_everything_avx512"],
      "libraries": ["-ldl", "-lpthread"]
    }
  ]
}
