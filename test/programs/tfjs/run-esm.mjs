// node test/programs/tfjs/run-esm.mjs <tfjs-first|seed-first> <seed|none>: the scenario with ES
// imports, tfjs imported before or after seedEverything (an imported namespace keeps the values it
// had).
import { createRequire } from 'node:module';

const [order, seed] = process.argv.slice(2);
let tf = order === 'tfjs-first' ? await import('@tensorflow/tfjs') : undefined;
const { seedEverything, tfjs } = await import('seed-everything');
const report = seed === 'none' ? null : seedEverything(BigInt(seed));
tf ??= await import('@tensorflow/tfjs');
const require = createRequire(import.meta.url);
const out = await require('./scenario.cjs')(tf);
const derived = report ? ['multinomial#0', 'multinomial#1'].map((name) => tfjs.seedFor(name)) : null;
const loaded = Object.keys(require.cache).filter((f) => /@tensorflow[\\/]tfjs[\\/]dist[\\/]tf\.node\.js$/.test(f));
console.log(JSON.stringify({ ...out, derived, patches: report?.tfjs?.patches ?? null, loaded }));
