// native/constants.json is the one table of cuDNN algorithm names, documented determinism and
// limits; what users see (cudnn.algorithmNames, argument checks, verify's columns) comes from it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'uvu/assert';
import { cuda, cudnn } from '../../lib/index';
import { constants } from '../../lib/core/constants';
import { checkAlgo } from '../../lib/cudnn/config';
import { throwsCode } from '../helpers/errors';
import { runChild } from '../helpers/child';
import { test } from '../helpers/test';

const file = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'native', 'constants.json'), 'utf8'));

test('cudnn.algorithmNames is the file, in cuDNN enum order, deep-frozen', () => {
  assert.equal(cudnn.algorithmNames, file.cudnn.algorithms);
  assert.is(cudnn.algorithmNames, cudnn.ALGORITHM_NAMES);
  assert.equal(cudnn.algorithmNames.backwardFilter, ['ALGO_0', 'ALGO_1', 'FFT', 'ALGO_3', 'WINOGRAD', 'WINOGRAD_NONFUSED', 'FFT_TILING']);
  assert.is(cudnn.algorithmNames.forward.length, 8);
  assert.is(cudnn.algorithmNames.backwardData.length, 6);
  assert.ok(Object.isFrozen(cudnn.algorithmNames));
  for (const names of Object.values(cudnn.algorithmNames)) assert.ok(Object.isFrozen(names));
  assert.throws(() => {
    'use strict';
    (cudnn.algorithmNames.backwardFilter as string[])[4] = 'X';
  });
  assert.is(cudnn.algorithmNames.backwardFilter[4], 'WINOGRAD');
  assert.ok(Object.isFrozen(constants.cudnn.deterministic.backwardFilter));
});

test('backward-filter ids 4, 5, 6 are accepted under their cuDNN names; 7 is refused', () => {
  assert.is(checkAlgo('backwardFilter', 'WINOGRAD'), 4);
  assert.is(checkAlgo('backwardFilter', 'winograd_nonfused'), 5);
  assert.is(checkAlgo('backwardFilter', 'FFT_TILING'), 6);
  assert.is(checkAlgo('backwardFilter', 6), 6);
  throwsCode(() => checkAlgo('backwardFilter', 7), RangeError, 'ERR_OUT_OF_RANGE');
  assert.is(checkAlgo('backwardData', 'FFT_TILING'), 3);
});

test('documented determinism: atomics in backward ALGO_0 / filter ALGO_3, filter WINOGRAD not implemented', () => {
  assert.equal(file.cudnn.deterministic, { forward: [0, 1, 2, 3, 4, 5, 6, 7], backwardData: [1, 2, 3, 4, 5], backwardFilter: [1, 2, 5, 6] });
  for (const [direction, ids] of Object.entries(file.cudnn.deterministic as Record<string, number[]>)) {
    for (const id of ids) assert.ok(id >= 0 && id < file.cudnn.algorithms[direction].length, `${direction} ${id}`);
  }
});

test('maxDevices bounds device ids', () => {
  assert.is(constants.maxDevices, 1024);
  throwsCode(() => cuda.manualSeed(1, constants.maxDevices), RangeError, 'ERR_OUT_OF_RANGE');
  cuda.manualSeed(1, constants.maxDevices - 1);
});

test('the built CommonJS bundle and dist/cudnn carry the same table', () => {
  const r = runChild(`
    const bundled = require('./dist/index.js').cudnn.algorithmNames;
    const loose = require('./dist/cudnn/index.js').cudnn.algorithmNames;
    console.log(JSON.stringify({ bundled, loose }));`);
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{ bundled: unknown; loose: unknown }>();
  assert.equal(out.bundled, file.cudnn.algorithms);
  assert.equal(out.loose, file.cudnn.algorithms);
});

test.run();
