// test/philox/boundary.test.ts still imports SEED from here; the fuzz helpers live in
// test/helpers/fuzz.ts. Remove this file once that import names test/helpers/fuzz.
export { SEED } from '../helpers/fuzz';
