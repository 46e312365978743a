// doctor(): everything needed to tell why GPU reproducibility will or will not work here. It never
// throws for a missing GPU, driver or library: that is what it reports.
import { addonInfo, binding, type AddonInfo } from '../core/binding';
import * as cuda from '../cuda/devices';
import { libraryRecords, type LibraryName, type LibraryRecord } from './libraries';
import { packageVersion } from '../core/version';
import { codedError, describe } from '../core/errors';
import { doctorVerdict, reportProblem } from '../cuda/problem';
import { table } from '../core/table';

export interface DeviceInfo {
  index: number;
  name: string;
  computeCapability: string;
  multiprocessors: number;
  totalMemoryBytes: number;
  /** whether a primary context exists on it (seeding must never create one) */
  contextActive: boolean;
}

export interface DoctorReport {
  /** Bumped only when a field changes meaning or disappears; new fields may appear. */
  schema: 1;
  package: { name: 'seed-everything'; version: string };
  node: { version: string; napi: string | null; platform: string; arch: string; abi: string };
  addon: { loaded: boolean; path: string | null; kind: AddonInfo['kind'] | null; error: string | null };
  libraries: Record<LibraryName, LibraryRecord> | null;
  cuda: {
    available: boolean;
    deviceCount: number;
    driverVersion: string | null;
    runtimeVersion: string | null;
    /** the runtime's answer to cudaGetDeviceCount when it failed, e.g. cudaErrorInsufficientDriver */
    error: string | null;
    errorMessage: string | null;
    /** what cuInit(0) returned, e.g. CUDA_SUCCESS; null when the driver is not loaded */
    driverInit: string | null;
    devices: DeviceInfo[];
  };
  curand: { available: boolean; version: string | null };
  cudnn: { available: boolean; version: string | null; deterministic: boolean | null; benchmark: boolean | null };
  /**
   * Which loaded copy of seed-everything owns the process-wide state (root seed, device seeds and
   * offsets, Philox reservations, cuDNN flags). 'adopted': this copy shares it; 'incompatible':
   * its state layout differs, so it keeps its own state and refuses nativeApi(). null: no addon.
   */
  state: StateInfo | null;
}

export interface StateInfo {
  role: 'owner' | 'adopted' | 'incompatible';
  /** copies of the addon sharing this copy's state (itself included) */
  copies: number;
  layout: number;
  path: string;
  owner: { version: string; path: string; layout: number };
}

interface DoctorNative {
  driverDevices(): { devices: DeviceInfo[]; initStatusName?: string };
  runtimeDeviceCount(): { driverVersion?: number };
  getCudnnFlags(): { deterministic: boolean; benchmark: boolean };
  stateInfo(): StateInfo;
}

function versionText(v: number | undefined): string | null {
  return v ? `${Math.floor(v / 1000)}.${Math.floor((v % 1000) / 10)}` : null;
}

export function doctor(): DoctorReport {
  const report: DoctorReport = {
    schema: 1,
    package: { name: 'seed-everything', version: packageVersion() },
    node: {
      version: process.version,
      napi: process.versions.napi ?? null,
      platform: process.platform,
      arch: process.arch,
      abi: process.versions.modules,
    },
    addon: { loaded: false, path: null, kind: null, error: null },
    libraries: null,
    cuda: {
      available: false,
      deviceCount: 0,
      driverVersion: null,
      runtimeVersion: null,
      error: null,
      errorMessage: null,
      driverInit: null,
      devices: [],
    },
    curand: { available: false, version: null },
    cudnn: { available: false, version: null, deterministic: null, benchmark: null },
    state: null,
  };
  let native: DoctorNative;
  try {
    const info = addonInfo();
    native = binding<DoctorNative>();
    report.addon = { loaded: true, path: info.path, kind: info.kind, error: null };
  } catch (err) {
    report.addon.error = (err as Error).message;
    return report;
  }
  report.state = native.stateInfo();
  const libs = libraryRecords();
  report.libraries = libs;
  const status = cuda.status();
  const drv = native.driverDevices();
  report.cuda = {
    available: status.available,
    deviceCount: status.deviceCount,
    driverVersion: libs.cuda.loaded ? libs.cuda.version : versionText(native.runtimeDeviceCount().driverVersion),
    runtimeVersion: libs.cudart.loaded ? libs.cudart.version : null,
    error: status.error,
    errorMessage: status.errorMessage,
    driverInit: drv.initStatusName ?? null,
    devices: drv.devices,
  };
  report.curand = { available: libs.curand.loaded, version: libs.curand.loaded ? libs.curand.version : null };
  const flags = native.getCudnnFlags();
  report.cudnn = {
    available: libs.cudnn.loaded,
    version: libs.cudnn.loaded ? libs.cudnn.version : null,
    deterministic: flags.deterministic,
    benchmark: flags.benchmark,
  };
  return report;
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** The human form: a readable table. */
export function formatDoctor(r: DoctorReport): string {
  // A report of another shape (an older schema, hand-made JSON) must fail with a code, not with
  // whatever property read happens to break first.
  try {
    return formatReport(r);
  } catch (cause) {
    throw codedError('TypeError', 'ERR_INVALID_ARG_TYPE', `formatDoctor expects what doctor() returns, received ${describe(r)}`, { cause });
  }
}

/** Labels are this wide at least; values start two columns after them. */
const LABEL_WIDTH = 12;
const VALUE_INDENT = 2 + LABEL_WIDTH + 2;
const labelled = (rows: string[][]) => table(rows, { indent: 2, minWidths: [LABEL_WIDTH] });

function formatReport(r: DoctorReport): string {
  const lines: string[] = [doctorVerdict(r), `seed-everything ${r.package.version} doctor`];
  lines.push(
    labelled([
      ['Node.js', `${r.node.version} (Node-API ${r.node.napi ?? '?'}, ${r.node.platform}-${r.node.arch})`],
      ['addon', r.addon.loaded ? `${r.addon.kind}: ${r.addon.path}` : `NOT LOADED\n${indent(r.addon.error ?? '', VALUE_INDENT)}`],
    ]),
  );
  if (r.libraries) lines.push('', libraryTable(Object.values(r.libraries)));
  const rows: string[][] = [
    ['CUDA', r.cuda.available ? `available, ${r.cuda.deviceCount} device(s)` : `unavailable: ${reportProblem(r)?.text}${r.cuda.error ? ` (runtime: ${r.cuda.error})` : ''}`],
    ['driver', r.cuda.driverVersion ? `CUDA ${r.cuda.driverVersion}${r.cuda.driverInit ? `, cuInit: ${r.cuda.driverInit}` : ''}` : 'none'],
    ['runtime', r.cuda.runtimeVersion ? `CUDA ${r.cuda.runtimeVersion}` : 'none'],
  ];
  if (r.cuda.devices.length === 0) rows.push(['devices', 'none']);
  for (const d of r.cuda.devices) {
    rows.push([`device ${d.index}`, `${d.name}, compute ${d.computeCapability}, ${d.multiprocessors} SMs, ${gib(d.totalMemoryBytes)}${d.contextActive ? ', context active' : ''}`]);
  }
  rows.push(['cuRAND', r.curand.available ? r.curand.version ?? '?' : 'unavailable'], ['cuDNN', r.cudnn.available ? r.cudnn.version ?? '?' : 'unavailable']);
  if (r.cudnn.deterministic !== null) rows.push(['cuDNN flags', `deterministic=${r.cudnn.deterministic} benchmark=${r.cudnn.benchmark}`]);
  if (r.state) rows.push(['copies', copiesLine(r.state)]);
  lines.push('', labelled(rows));
  return lines.join('\n');
}

/** One row a library; a missing one's attempts follow it, under its "from" column. */
function libraryTable(libs: LibraryRecord[]): string {
  const rows = [['library', 'status', 'version', 'from']];
  for (const lib of libs) {
    rows.push([lib.name, lib.loaded ? 'loaded' : 'missing', lib.version ?? '-', lib.loaded ? `${lib.path} (${lib.origin})` : (lib.error ?? '')]);
    if (!lib.loaded) for (const a of lib.attempts) rows.push(['', '', '', `tried ${a.path} [${a.origin}]: ${a.error ?? 'loaded'}`]);
  }
  return table(rows, { indent: 2, minWidths: [8, 9, 8] });
}

function copiesLine(s: StateInfo): string {
  const others = s.copies - 1;
  if (s.role === 'owner') return `this copy owns the process state${others > 0 ? `, shared with ${others} other cop${others === 1 ? 'y' : 'ies'}` : ''}`;
  if (s.role === 'adopted') return `shares the process state owned by seed-everything ${s.owner.version} (${s.owner.path})`;
  return (
    `INCOMPATIBLE: seed-everything ${s.owner.version} (${s.owner.path}) owns the process state with layout ${s.owner.layout}; ` +
    `this copy (layout ${s.layout}) keeps its own state and refuses nativeApi()`
  );
}

function indent(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
}
