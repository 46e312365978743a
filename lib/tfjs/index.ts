// TensorFlow.js preparation. tfjs-node(-gpu) reads its TF_* variables when libtensorflow loads, so
// they only count when set before the first require of it; when it was loaded first the report
// says so and a warning is raised, rather than pretending.
import { mappedFile } from '../core/maps';
import * as path from 'node:path';
import { traceModel } from '../trace/tfjs';
import { patchTfjs, type TfjsPatch } from './patch';
import { seedFor } from './seed';

export interface TfjsReport {
  /** variables set by this call */
  set: Record<string, string>;
  /** variables that would have been set but were not, and why */
  skipped: { variable: string; reason: string }[];
  /** how a native tfjs package was seen to be loaded already, or null */
  loadedFirst: string | null;
  /** tfjs's clock-seeded and truncated sources given derived seeds (empty unless `patch`) */
  patches: TfjsPatch[];
}

const WARNING_CODE = 'SEED_EVERYTHING_TFJS_LOADED_FIRST';
let warned = false;

/** Evidence that a native tfjs package (and libtensorflow) is already in the process. */
function nativeTfjsLoaded(moduleNames: readonly string[] = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']): string | null {
  for (const key of Object.keys(require.cache)) {
    for (const name of moduleNames) {
      if (key.includes(`${path.sep}${name.replace('/', path.sep)}${path.sep}`)) {
        return `${name} is already required (${key})`;
      }
    }
  }
  // Without /proc only the module cache can tell.
  const mapped = mappedFile(/\S*libtensorflow\S*/);
  return mapped === null ? null : `libtensorflow is already mapped into the process (${mapped})`;
}

export function deterministicVariables(benchmark: boolean): Record<string, string> {
  const vars: Record<string, string> = {
    TF_DETERMINISTIC_OPS: '1',
    TF_CUDNN_DETERMINISTIC: '1',
    TF_ENABLE_ONEDNN_OPTS: '0',
  };
  if (!benchmark) vars.TF_CUDNN_USE_AUTOTUNE = '0';
  return vars;
}

/**
 * With `deterministic`, sets the TF_* variables. With `patch` (seedEverything passes it), gives
 * tfjs's unseeded tf.data shuffles and multinomial derived seeds from the root seed, now for the
 * copies loaded and later for those still to load (lib/tfjs/patch.ts).
 */
export function prepareTfjs(options: { deterministic: boolean; benchmark: boolean; patch?: boolean; moduleNames?: readonly string[] }): TfjsReport {
  const report: TfjsReport = { set: {}, skipped: [], loadedFirst: null, patches: options.patch ? patchTfjs() : [] };
  if (!options.deterministic) return report;
  const vars = deterministicVariables(options.benchmark);
  const loaded = nativeTfjsLoaded(options.moduleNames);
  if (loaded) {
    report.loadedFirst = loaded;
    const fix =
      'call seedEverything() before requiring @tensorflow/tfjs-node(-gpu) (with ES modules: in a module imported before it), ' +
      `or set ${Object.entries(vars).map(([k, v]) => `${k}=${v}`).join(' ')} in the shell`;
    for (const variable of Object.keys(vars)) {
      report.skipped.push({ variable, reason: `${loaded}; libtensorflow read its settings at load time. Fix: ${fix}` });
    }
    if (!warned) {
      warned = true;
      process.emitWarning(`TensorFlow.js was loaded before seedEverything(): its determinism variables cannot take effect. ${fix}.`, {
        code: WARNING_CODE,
      });
    }
    return report;
  }
  for (const [key, value] of Object.entries(vars)) {
    process.env[key] = value;
    report.set[key] = value;
  }
  return report;
}

export const tfjs = { seedFor, prepare: prepareTfjs, nativeLoaded: nativeTfjsLoaded, traceModel };
