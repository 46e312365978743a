// The `cuda` namespace: devices, their default Philox generators, device memory and draws into it.
import { DeviceBuffer } from './device-buffer';
import { getRngState, initialSeed, isAvailable, deviceCount, manualSeed, manualSeedAll, setRngState, status } from './devices';
import { normal, uniform } from './rng';

export { DeviceBuffer } from './device-buffer';
export { cudaManualSeedAll } from './devices';

export const cuda = {
  isAvailable,
  deviceCount,
  status,
  manualSeed,
  manualSeedAll,
  initialSeed,
  getRngState,
  setRngState,
  DeviceBuffer,
  uniform,
  normal,
};
