export { codedError, type SeedEverythingError } from './errors';
export { type Seed, hashStringSeed } from './seed';
