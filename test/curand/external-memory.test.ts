// Host cuRAND generators hold C-heap memory (host Philox about 4 MiB) that V8 cannot see: the
// addon reports it (napi_adjust_external_memory) so that unclosed generators get collected, and
// gives it back on close() or in the finalizer.
import * as assert from 'uvu/assert';
import { runChild } from '../helpers/child';
import { systemHas } from '../helpers/machine';
import { requires } from '../helpers/require';

const test = requires('curand', systemHas('libcurand.so.10'), 'libcurand10 is not installed (Debian non-free)');
const MiB = 2 ** 20;

test('400 host generators filled and never closed stay under 600 MB RSS without a manual gc()', () => {
  // An application's pace: one generator per step, the event loop turning between steps (Node runs
  // Node-API finalizers from the event loop).
  const r = runChild(
    `const { curand } = require('./lib/index');
     const out = new Uint32Array(16);
     (async () => {
       for (let i = 0; i < 400; i++) {
         new curand.Generator('PHILOX4_32_10', { seed: i }).generate(out);
         await new Promise(setImmediate);
       }
       console.log(JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024, gc: typeof globalThis.gc }));
     })();`,
    {},
    120000,
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{ maxRss: number; gc: string }>();
  assert.is(out.gc, 'undefined', 'no --expose-gc');
  console.log(`400 unclosed host Philox generators: peak RSS ${(out.maxRss / MiB).toFixed(0)} MiB`);
  assert.ok(out.maxRss < 600 * MiB, `peak RSS ${(out.maxRss / MiB).toFixed(0)} MiB`);
});

test('each generator reports what libcurand allocated and gives it back once on close()', () => {
  const r = runChild(
    `const { binding } = require('./lib/core/binding');
     const { curand } = require('./lib/index');
     const Native = binding().CurandGenerator;
     const g = new Native(161, -1);
     const created = g.externalBytes;
     g.generate('u32', new Uint32Array(16), 16);
     const filled = g.externalBytes;
     g.generate('u32', new Uint32Array(1 << 20), 1 << 20);
     const again = g.externalBytes;
     g.close();
     const closed = g.externalBytes;
     g.close();
     const mt = new Native(142, -1);
     const mtCreated = mt.externalBytes;
     mt.close();
     const js = new curand.Generator('PHILOX4_32_10', { seed: 1 });
     js.generate(4);
     js.close();
     js.close();
     let after; try { js.generate(4); } catch (e) { after = e.code; }
     console.log(JSON.stringify({ created, filled, again, closed, mtCreated, closedFlag: js.closed, after }));`,
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<Record<string, number | string | boolean>>();
  assert.ok((out.created as number) < MiB, `host Philox allocates at its first fill, not at creation (${out.created})`);
  // The heap is measured around the call (mallinfo2, process-wide): other threads' frees in that
  // window make the figure smaller than libcurand's 4 MiB buffer, never larger than the fill's own.
  assert.ok((out.filled as number) >= 1 * MiB, `host Philox's buffer reported: ${out.filled}`);
  assert.ok((out.filled as number) < 5 * MiB, `and nothing like the fill's own size: ${out.filled}`);
  assert.is(out.again, out.filled, 'later fills allocate nothing more and are not measured again');
  assert.is(out.closed, 0);
  assert.ok((out.mtCreated as number) >= 20 * MiB, `MT19937 allocates about 41 MB at creation: ${out.mtCreated}`);
  assert.is(out.closedFlag, true);
  assert.is(out.after, 'ERR_CLOSED', 'other methods still throw after close()');
});

test.run();
