// The diff report as text, for the terminal and beside the plot of the HTML page.
import type { CheckpointView, DivergenceReason } from './compare';
import type { DiffFailure, DiffReport, Divergence } from './diff';

function commandText(command: string[]): string {
  return command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function seedText(r: Pick<DiffReport, 'seed' | 'seedSource'>): string {
  return r.seedSource === 'caller' ? `seed ${r.seed}, from SEED_EVERYTHING_SEED` : `seed ${r.seed}, fresh: SEED_EVERYTHING_SEED=${r.seed} repeats it`;
}

const REASONS: Record<DivergenceReason, string> = {
  values: 'the values differ',
  missing: 'a run never records this checkpoint (it stopped earlier, or the others recorded one more)',
  name: 'the runs record the same checkpoints in another order',
  type: 'the values differ in type, shape or length',
};

function runs(list: number[]): string {
  return `${list.length === 1 ? 'run' : 'runs'} ${list.join(', ')}`;
}

function fmt(v: unknown): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v);
}

function viewText(v: CheckpointView, perRun: DiffReport['perRun']): string {
  if (!v.present) return `missing (it recorded ${perRun[v.run - 1]?.checkpoints ?? 0} checkpoints in all)`;
  const parts = [`"${v.checkpoint}"#${v.occurrence}`, `hash ${v.hash}`, v.type === 'tensor' ? `tensor ${v.dtype}` : v.type];
  if (v.shape) parts.push(`shape [${v.shape.join(', ')}]`);
  parts.push(`length ${v.length}`);
  if (v.min !== undefined) parts.push(`min ${fmt(v.min)}`, `max ${fmt(v.max)}`);
  if (v.nan) parts.push(`${v.nan} NaN`);
  if (v.first?.length) parts.push(`first ${v.first.map(fmt).join(', ')}`);
  return parts.join('  ');
}

function divergenceText(d: Divergence, report: DiffReport): string[] {
  const where = d.thread === 0 ? 'main thread' : `worker thread ${d.thread}`;
  const lines = [
    `first divergent checkpoint: "${d.checkpoint}" occurrence ${d.occurrence}, position ${d.position} (${where})`,
    `  why: ${REASONS[d.reason]}; ${runs(d.differingRuns)} ${d.differingRuns.length === 1 ? 'differs' : 'differ'} from run 1`,
  ];
  for (const g of d.groups) lines.push(`  ${runs(g)}: ${viewText(d.runs[g[0] - 1], report.perRun)}`);
  lines.push(
    d.lastIdentical
      ? `  last identical checkpoint: "${d.lastIdentical.checkpoint}" occurrence ${d.lastIdentical.occurrence}, position ${d.lastIdentical.position}`
      : '  last identical checkpoint: none (the runs differ from the first checkpoint)',
  );
  if (d.difference) {
    const x = d.difference;
    lines.push(`  max abs difference ${fmt(x.maxAbs)}, max ulp difference ${fmt(x.maxUlp)} (against run ${x.against})${x.lengthsDiffer ? ', over the common length' : ''}`);
  }
  const after = report.divergentCheckpoints - 1;
  lines.push(`  after it: ${after} more divergent checkpoint${after === 1 ? '' : 's'} in this thread`);
  return lines;
}

function environmentText(report: DiffReport): string[] {
  const { compared, differences } = report.environment;
  if (differences.length === 0) return [`environment: no differences in ${compared.join(', ')}`];
  const lines = ['environment differences:'];
  for (const d of differences) {
    lines.push(`  ${d.key}: ${d.values.map((v, i) => `run ${i + 1} ${v === null ? '(unset)' : JSON.stringify(v)}`).join(', ')}`);
  }
  return lines;
}

export function formatReport(report: DiffReport): string {
  const head = `${report.runs} runs of ${commandText(report.command)} (${seedText(report)})`;
  if (report.identical) {
    return [`identical: ${head}, ${report.checkpoints} checkpoint${report.checkpoints === 1 ? '' : 's'} each`, ...environmentText(report)].join('\n');
  }
  const lines = [`diverged: ${head}`, ...divergenceText(report.firstDivergence!, report), ...environmentText(report)];
  if (report.kept) lines.push(`kept: the values of ${report.kept.checkpoints} divergent checkpoints, and the traces, in ${report.kept.dir}`);
  return lines.join('\n');
}

export function formatFailure(f: DiffFailure): string {
  const lines = [`could not run: ${f.error.message}`, `  command: ${commandText(f.command)} (${seedText(f)})`];
  const tail = f.error.stderrTail.trimEnd().split('\n').slice(-20);
  if (tail.length && tail[0] !== '') lines.push('  its stderr ended with:', ...tail.map((l) => `  | ${l}`));
  return lines.join('\n');
}
