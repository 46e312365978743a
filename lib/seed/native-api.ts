// The native API table for other addons (include/seed_everything/api.h).
import { binding } from '../core/binding';

/** An opaque Node-API external; only an addon built against seed_everything/import.h can use it. */
export type NativeApi = object & { readonly __seedEverythingNativeApi: unique symbol };

interface NativeApiBinding {
  nativeApi(): NativeApi;
}

/**
 * Seed-everything's C table (root seed, per-device Philox reservations, cuDNN flags and algorithm
 * selection) as a type-tagged external: pass it to your addon, which checks it with
 * `se_import_api()`. Every call returns a new external for the same process-wide table. A copy of
 * the package that cannot share the process state owned by another loaded copy (another state
 * layout; doctor().state says which) throws ERR_NATIVE_API_INCOMPATIBLE instead: its table would
 * hand out Philox offsets the owner's table does not see.
 */
export function nativeApi(): NativeApi {
  return binding<NativeApiBinding>().nativeApi();
}
