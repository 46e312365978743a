/* Header-only check of the value require('seed-everything').nativeApi() returned, for addons
 * written against Node-API (C or C++, Node-API 8 or later).
 *
 *   const se_api* api;
 *   char why[256];
 *   if (se_import_api(env, value, &api, why, sizeof why) != 0) napi_throw_error(env, NULL, why);
 *
 * se_import_api asks for every slot this header declares. An addon that reads fewer can call
 * se_import_api_sized and keep loading in older packages; one that needs slots appended later
 * defines SE_API_MIN_FEATURE_VERSION before including this header. Newer packages, which only
 * append, always pass.
 */
#ifndef SEED_EVERYTHING_IMPORT_H
#define SEED_EVERYTHING_IMPORT_H

#include <stdio.h>

#include <node_api.h>

#include "api.h"

#ifndef SE_API_MIN_FEATURE_VERSION
#define SE_API_MIN_FEATURE_VERSION 1
#endif

#if NAPI_VERSION < 8
#error "seed_everything/import.h needs Node-API 8 (napi_check_object_type_tag): define NAPI_VERSION=8 or later"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Nonzero on failure, with the reason in message (NUL-terminated, truncated to message_size).
 * `needed_size`: the bytes of se_api this addon reads, offsetof(se_api, <last slot used>) +
 * sizeof(void*), or sizeof(se_api) for everything this header declares. */
static inline int se_import_api_sized(napi_env env, napi_value value, size_t needed_size, const se_api** out,
                                      char* message, size_t message_size) {
  static const napi_type_tag tag = {SE_API_TYPE_TAG_LOWER, SE_API_TYPE_TAG_UPPER};
  char scratch[1];
  napi_valuetype type;
  bool tagged = false;
  void* data = NULL;
  const se_api* api;
  if (message == NULL || message_size == 0) {
    message = scratch;
    message_size = sizeof scratch;
  }
  message[0] = '\0';
  if (out == NULL) {
    snprintf(message, message_size, "se_import_api: out must not be NULL");
    return 1;
  }
  *out = NULL;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_external) {
    snprintf(message, message_size,
             "expected the value of require('seed-everything').nativeApi() (an external), received another kind "
             "of value");
    return 1;
  }
  if (napi_check_object_type_tag(env, value, &tag, &tagged) != napi_ok || !tagged) {
    snprintf(message, message_size,
             "this external is not seed-everything's native API table (its type tag differs): pass "
             "require('seed-everything').nativeApi()");
    return 1;
  }
  if (napi_get_value_external(env, value, &data) != napi_ok || data == NULL) {
    snprintf(message, message_size, "seed-everything's native API external holds no table");
    return 1;
  }
  api = (const se_api*)data;
  if (api->abi_version != SE_API_ABI_VERSION) {
    snprintf(message, message_size,
             "seed-everything native API ABI %u but this addon was built for ABI %u: rebuild it against "
             "seed-everything %s",
             (unsigned)api->abi_version, (unsigned)SE_API_ABI_VERSION, api->version ? api->version : "(unknown)");
    return 1;
  }
  if (api->feature_version < SE_API_MIN_FEATURE_VERSION) {
    snprintf(message, message_size,
             "seed-everything %s provides native API feature level %u but this addon needs %u: upgrade "
             "seed-everything",
             api->version ? api->version : "(unknown)", (unsigned)api->feature_version,
             (unsigned)SE_API_MIN_FEATURE_VERSION);
    return 1;
  }
  if (api->struct_size < needed_size) {
    snprintf(message, message_size,
             "seed-everything %s's native API table has %u bytes but this addon reads %u: upgrade seed-everything",
             api->version ? api->version : "(unknown)", (unsigned)api->struct_size, (unsigned)needed_size);
    return 1;
  }
  *out = api;
  return 0;
}

static inline int se_import_api(napi_env env, napi_value value, const se_api** out, char* message,
                                size_t message_size) {
  return se_import_api_sized(env, value, sizeof(se_api), out, message, message_size);
}

#ifdef __cplusplus
}
#endif

#endif
