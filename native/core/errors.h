#pragma once
// Native errors are built by the same TypeScript helper as every other error (lib/errors.ts):
// lib/binding.ts hands it to the addon, so codes and shapes cannot drift between the layers.
#include <napi.h>
#include <string>

namespace seed_everything {

// A plain struct: worker threads fill it; only the JS thread turns it into an exception.
struct ErrorInfo {
  std::string kind = "Error";  // "Error", "TypeError" or "RangeError"
  std::string code;
  std::string message;
  bool set() const { return !code.empty(); }
};

Napi::Value MakeError(Napi::Env env, const ErrorInfo& info);
[[noreturn]] void Throw(Napi::Env env, const ErrorInfo& info);
[[noreturn]] void Throw(Napi::Env env, const char* kind, const std::string& code, const std::string& message);

// C++ side of the error-factory handshake with lib/binding.ts.
void InitErrors(Napi::Env env, Napi::Object exports);

}  // namespace seed_everything
