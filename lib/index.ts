// Public API of seed-everything. Names are a contract (see the README's API reference).
import * as cudaModule from './cuda';
import * as curandModule from './curand';

export { codedError, type SeedEverythingError } from './errors';
export { type Seed, hashStringSeed } from './seed';
export { doctor, formatDoctor, type DoctorReport, type DeviceInfo } from './doctor';
export { libraryRecords, type LibraryRecord, type LoadAttempt, type LibraryName } from './libraries';
export { cudnn } from './cudnn';
export { cudaManualSeedAll } from './cuda';

export const cuda = {
  isAvailable: cudaModule.isAvailable,
  deviceCount: cudaModule.deviceCount,
  status: cudaModule.status,
  manualSeed: cudaModule.manualSeed,
  manualSeedAll: cudaModule.manualSeedAll,
  initialSeed: cudaModule.initialSeed,
  getRngState: cudaModule.getRngState,
  setRngState: cudaModule.setRngState,
};

export const curand = {
  isAvailable: curandModule.isAvailable,
  version: curandModule.version,
};
