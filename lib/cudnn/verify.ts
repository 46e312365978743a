// `seed-everything verify`: runs every cuDNN convolution algorithm repeatedly on a real GPU and
// reports which ones give bit-identical outputs, beside what cuDNN claims about them.
import { CONFIG_KEYS, normalizeConvolution, type ConvolutionConfig, type ConvolutionDirection } from './config';
import { checkDevice } from '../cuda/devices';
import { invalidArgType, outOfRange } from '../core/errors';
import { readOptions, readArray } from '../core/read';
import { table } from '../core/table';
import { cudnn } from './';
import type { FillSource } from '../philox/seeded-fill';
import { runShape } from './verify-run';

export type AlgorithmClaim = 'deterministic' | 'non-deterministic' | 'unknown';
export type AlgorithmStatus = 'ok' | 'not supported' | 'workspace too large' | 'error';

export interface VerifyShape {
  name: string;
  /** Device is taken from the verify options. */
  config: Omit<ConvolutionConfig, 'device'>;
}

export interface VerifyResult {
  shape: string;
  direction: ConvolutionDirection;
  algo: number;
  name: string;
  status: AlgorithmStatus;
  /** Runs that completed. */
  runs: number;
  /** Distinct SHA-256 hashes of the output bytes over those runs; 1 means reproducible. */
  distinct: number;
  /** cuDNN's determinism field for this algorithm in cudnnFind*Ex's results; 'unknown' when it was not listed as successful. */
  claimed: AlgorithmClaim;
  /** What cuDNN's documentation says (backward data ALGO_0, backward filter ALGO_0 / ALGO_3 use atomics). */
  documentedDeterministic: boolean;
  reproducible: boolean | null;
  /** Median wall time of one call (includes the workspace allocation and a device synchronize). */
  timeMs: number | null;
  /** cudnnFind*Ex's own measurement. */
  findTimeMs: number | null;
  workspaceBytes: number | null;
  /** First 16 hex digits of each distinct hash. */
  hashes: string[];
  detail: string | null;
}

export interface VerifyReport {
  schema: 1;
  /** Every algorithm claimed (or, when unlisted, documented) deterministic was reproducible. */
  ok: boolean;
  device: number;
  repeats: number;
  cudnnVersion: string | null;
  fill: FillSource | null;
  shapes: VerifyShape[];
  results: VerifyResult[];
  /** "shape direction NAME: N distinct outputs in K runs" for each broken claim. */
  failures: string[];
  /** The names the results' `algo` ids stand for, per direction (`cudnn.algorithmNames`). */
  algorithmNames: Readonly<Record<ConvolutionDirection, readonly string[]>>;
}

export interface VerifyOptions {
  device: number;
  repeats: number;
  progress: boolean;
  shapes?: VerifyShape[];
}

/**
 * The default shapes. 'atomics' has a large batch, small spatial size and many channels: backward
 * filter ALGO_0 / ALGO_3 and backward data ALGO_0 then reduce over many blocks with atomics, where
 * run-to-run differences show.
 */
export const DEFAULT_SHAPES: VerifyShape[] = [
  { name: 'basic', config: { input: [8, 16, 32, 32], filter: [32, 16, 3, 3], padding: 1 } },
  { name: 'atomics', config: { input: [512, 128, 4, 4], filter: [128, 128, 3, 3], padding: 1 } },
  { name: 'atomics-1x1', config: { input: [1024, 256, 2, 2], filter: [256, 256, 1, 1] } },
  {
    name: 'geometry-nhwc',
    config: { input: [4, 16, 17, 17], filter: [32, 8, 3, 3], padding: 2, stride: 2, dilation: 2, groups: 2, layout: 'NHWC' },
  },
  { name: 'half-nhwc', config: { input: [64, 64, 8, 8], filter: [64, 64, 3, 3], padding: 1, dataType: 'float16', layout: 'NHWC', mathType: 'tensorOp' } },
];

/** Room for every algorithm on the default shapes. */
const VERIFY_WORKSPACE_LIMIT = 2 ** 32;

function progressPrinter(enabled: boolean, total: number): (label: string) => void {
  if (!enabled) return () => {};
  const tty = process.stderr.isTTY === true;
  let done = 0;
  return (label) => {
    done++;
    if (tty) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(80).slice(0, 100));
      if (done === total) process.stderr.write('\n');
    } else {
      process.stderr.write(`verify ${done}/${total} ${label}\n`);
    }
  };
}

const OPTION_KEYS = ['device', 'repeats', 'progress', 'shapes'] as const;
const SHAPE_KEYS = ['name', 'config'] as const;
const SHAPE_CONFIG_KEYS = CONFIG_KEYS.filter((k) => k !== 'device');
const MAX_SHAPES = 1024;

/** The options read once: every shape and config copied and checked before the GPU is touched. */
function readVerifyOptions(options: unknown): Required<Omit<VerifyOptions, 'shapes'>> & { shapes: VerifyShape[] } {
  if (options === undefined) throw invalidArgType('verifyCudnn options', 'an object', options);
  const o = readOptions(options, 'verifyCudnn', OPTION_KEYS);
  const device = checkDevice(o.device, 'options.device');
  const repeats = o.repeats;
  if (typeof repeats !== 'number' || !Number.isInteger(repeats) || repeats < 2 || repeats > 10000) {
    throw outOfRange('options.repeats', 'an integer in [2, 10000]', repeats);
  }
  const progress = o.progress === undefined ? false : o.progress;
  if (typeof progress !== 'boolean') throw invalidArgType('options.progress', 'a boolean', progress);
  const given = o.shapes === undefined ? DEFAULT_SHAPES : readArray(o.shapes, 'options.shapes', { max: MAX_SHAPES });
  const shapes = given.map((shape, i) => {
    if (shape === undefined) throw invalidArgType(`options.shapes[${i}]`, 'an object', shape);
    const s = readOptions(shape, 'a verify shape', SHAPE_KEYS, `options.shapes[${i}]`);
    if (typeof s.name !== 'string') throw invalidArgType(`options.shapes[${i}].name`, 'a string', s.name);
    if (s.config === undefined) throw invalidArgType(`options.shapes[${i}].config`, 'an object', s.config);
    const given = readOptions(s.config, 'a verify shape', SHAPE_CONFIG_KEYS, `options.shapes[${i}].config`);
    // The resolved copy is what runs: runShape normalizes it again, and it holds only plain data.
    const { config } = normalizeConvolution('forward', { workspaceLimit: VERIFY_WORKSPACE_LIMIT, ...given, device } as ConvolutionConfig);
    const { device: _device, ...rest } = config;
    return { name: s.name, config: rest };
  });
  return { device, repeats, progress, shapes };
}

export async function verifyCudnn(options: VerifyOptions): Promise<VerifyReport> {
  const { device, repeats, progress, shapes } = readVerifyOptions(options);
  const perShape = cudnn.ALGORITHM_NAMES.forward.length + cudnn.ALGORITHM_NAMES.backwardData.length + cudnn.ALGORITHM_NAMES.backwardFilter.length;
  const step = progressPrinter(progress, shapes.length * perShape);
  const results: VerifyResult[] = [];
  let fill: FillSource | null = null;
  for (const shape of shapes) {
    const run = runShape(shape, device, repeats, step);
    results.push(...run.results);
    fill = run.fill;
    // Let the event loop breathe between shapes (signals, stdout) on long runs.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const failures = results
    .filter((r) => r.reproducible === false && (r.claimed === 'deterministic' || (r.claimed === 'unknown' && r.documentedDeterministic)))
    .map((r) => `${r.shape} ${r.direction} ${r.name}: ${r.distinct} distinct outputs in ${r.runs} runs`);
  return {
    schema: 1,
    ok: failures.length === 0,
    device,
    repeats,
    cudnnVersion: cudnn.version(),
    fill,
    shapes,
    results,
    failures,
    algorithmNames: cudnn.algorithmNames,
  };
}

export function formatVerify(report: VerifyReport): string {
  const head = ['shape', 'direction', 'algorithm', 'status', 'runs', 'distinct', 'cuDNN claims', 'docs', 'ms'];
  const rows = report.results.map((r) => [
    r.shape,
    r.direction,
    `${r.algo} ${r.name}`,
    r.status === 'ok' ? (r.reproducible ? 'reproducible' : 'DIFFERS') : r.status,
    String(r.runs),
    r.runs ? String(r.distinct) : '-',
    r.claimed,
    r.documentedDeterministic ? 'deterministic' : 'atomics',
    r.timeMs === null ? '-' : r.timeMs.toFixed(3),
  ]);
  const lines = [
    `cuDNN ${report.cudnnVersion ?? '?'} on device ${report.device}, ${report.repeats} runs per algorithm, inputs from ${report.fill ?? '-'}`,
    '',
    table([head, ...rows]),
    '',
  ];
  if (report.failures.length) lines.push('NOT reproducible although cuDNN calls them deterministic:', ...report.failures.map((f) => `  ${f}`));
  else lines.push('Every algorithm cuDNN calls deterministic gave bit-identical outputs.');
  return lines.join('\n');
}
