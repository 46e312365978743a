// isolateRng(async fn) scenarios, run by isolate.test.ts on the main thread and in a worker thread.
// Each returns what was drawn where, beside the stream as it runs with no block at all.
import { defaults, isolateRng, seedEverything } from '../../lib/index';

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));
const draw = (n: number) => Array.from({ length: n }, () => [Math.random(), defaults().python.random(), defaults().philox.uniform(1)[0]]);

function reference(n: number) {
  seedEverything(11, { tfjs: false });
  const ref = draw(n);
  seedEverything(11, { tfjs: false });
  return ref;
}

/** Outside code draws while the block awaits, and after it: one unbroken stream, nothing repeated. */
export async function outsideWhileAwaiting() {
  const ref = reference(6);
  const before = Math.random;
  const inside: number[][] = [];
  const block = isolateRng(async () => {
    inside.push(...draw(3));
    await tick();
    inside.push(...draw(3));
  });
  const outside = draw(3);
  await block;
  outside.push(...draw(3));
  return { ref, inside, outside, sameMathRandom: Math.random === before };
}

/** A block inside a block starts where the outer one is, and the outer one continues unaffected. */
export async function nested() {
  const ref = reference(6);
  const seen: Record<string, number[][]> = {};
  await isolateRng(async () => {
    seen.a = draw(2);
    await isolateRng(async () => {
      await tick();
      seen.b = draw(2);
    });
    seen.c = draw(2);
  });
  seen.after = draw(2);
  return { ref, seen };
}

/** Two blocks at once, interleaving their draws across awaits: each sees its own copy. */
export async function concurrent() {
  const ref = reference(4);
  const run = async () => {
    const got = draw(1);
    for (let i = 0; i < 3; i++) {
      await tick();
      got.push(...draw(1));
    }
    return got;
  };
  const [x, y] = await Promise.all([isolateRng(run), isolateRng(run)]);
  return { ref, x, y, after: draw(4) };
}

export async function all() {
  return { outsideWhileAwaiting: await outsideWhileAwaiting(), nested: await nested(), concurrent: await concurrent() };
}
