// Every reader of caller input reports a getter or trap that threw the same way: a TypeError
// ERR_INVALID_ARG_VALUE "<what> could not be read: <why>" with what was thrown as `cause`, even when
// what was thrown is null or hides its message behind a throwing getter.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { readArray, readOptions } from '../../lib/core/read';
import { tfjs } from '../../lib/index';

const hostile = [
  { thrown: new Error('boom'), why: 'boom' },
  { thrown: null, why: 'null' },
  { thrown: 'text', why: 'text' },
  {
    thrown: Object.create(null, { message: { get: () => { throw new Error('again'); } } }) as object,
    why: 'an unreadable error',
  },
];

function refusal(fn: () => unknown): Error & { code?: string; cause?: unknown } {
  try {
    fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a refusal');
}

function throwing(key: string, thrown: unknown): object {
  return Object.defineProperty({}, key, { enumerable: true, get: () => { throw thrown; } });
}

test('readOptions, readArray and tfjs.traceModel: one coded error, whatever was thrown', () => {
  for (const { thrown, why } of hostile) {
    const cases: [() => unknown, string][] = [
      [() => readOptions(throwing('device', thrown), 'cuda.DeviceBuffer', ['device']), 'cuda.DeviceBuffer options'],
      [() => readArray(new Proxy([], { get: () => { throw thrown; } }), 'options.shapes', { max: 8 }), 'options.shapes'],
      [() => tfjs.traceModel(throwing('layers', thrown)), 'tfjs.traceModel() model.layers'],
    ];
    for (const [fn, what] of cases) {
      const err = refusal(fn);
      assert.instance(err, TypeError);
      assert.is(err.code, 'ERR_INVALID_ARG_VALUE', `${what}: ${String(err)}`);
      assert.is(err.message, `${what} could not be read: ${why}`);
      assert.is(err.cause, thrown);
    }
  }
});

test.run();
