{
  "targets": [
    {
      "target_name": "consumer",
      "sources": ["src/consumer.cc"],
      "include_dirs": ["../../include"],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc!": ["-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra"],
      "libraries": ["-lpthread"],
      "xcode_settings": { "CLANG_CXX_LANGUAGE_STANDARD": "c++17" }
    }
  ]
}
