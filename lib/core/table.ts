// The one text table of the package: doctor, verify and the benchmarks print through it, so
// their columns line up the same way and a long cell widens its column instead of running into
// the next one.

export type Align = 'left' | 'right';

export interface TableOptions {
  /** Each column's alignment; columns past the list take its last entry. Default: all left. */
  align?: readonly Align[];
  /** The least width of each column; a wider cell widens it. */
  minWidths?: readonly number[];
  /** Spaces before every line. */
  indent?: number;
}

const GAP = '  ';

/** Rows of cells as lines: columns as wide as their widest cell, two spaces apart, no trailing spaces. */
export function table(rows: readonly (readonly (string | number)[])[], options: TableOptions = {}): string {
  const { align = ['left'], minWidths = [], indent = 0 } = options;
  const cells = rows.map((r) => r.map(String));
  const columns = Math.max(0, ...cells.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(minWidths[i] ?? 0, ...cells.map((r) => (r[i] ?? '').length)));
  const alignOf = (i: number) => align[Math.min(i, align.length - 1)] ?? 'left';
  const prefix = ' '.repeat(indent);
  return cells
    .map((r) => prefix + r.map((c, i) => (alignOf(i) === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(GAP))
    .map((line) => line.trimEnd())
    .join('\n');
}
