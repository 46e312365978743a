// `diff --html FILE`: one self-contained page (inline SVG and CSS, no code run, nothing fetched) with
// the divergence per checkpoint plotted beside the text report.
import type { DiffReport, PlotPoint } from './diff';
import { formatReport } from './report';

/** The colours a reader (or a test reading a screenshot) can tell apart. */
export const COLOURS = { series: '#1f77b4', marker: '#ff00ff', incomparable: '#ff7f0e', identical: '#9e9e9e' } as const;

export const PLOT = { width: 760, height: 440, left: 72, right: 24, top: 36, bottom: 56 } as const;

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function yRange(points: PlotPoint[]): [number, number] {
  const logs = points.filter((p) => p.maxAbs !== null && p.maxAbs > 0 && Number.isFinite(p.maxAbs)).map((p) => Math.log10(p.maxAbs!));
  if (logs.length === 0) return [-8, 0];
  let lo = Math.floor(Math.min(...logs));
  let hi = Math.ceil(Math.max(...logs));
  if (hi - lo < 2) [lo, hi] = [lo - 1, hi + 1];
  return [lo, hi];
}

/** x of a 1-based position inside the plot area, for the page and for tests reading it. */
export function xOf(position: number, count: number): number {
  const inset = 12;
  const w = PLOT.width - PLOT.left - PLOT.right - 2 * inset;
  return PLOT.left + inset + (count <= 1 ? w / 2 : ((position - 1) / (count - 1)) * w);
}

function plotSvg(points: PlotPoint[], report: DiffReport): string {
  const { width, height, left, right, top, bottom } = PLOT;
  const [lo, hi] = yRange(points);
  const plotTop = top + 14;
  const plotBottom = height - bottom - 14;
  const y = (log: number) => plotBottom - ((log - lo) / (hi - lo)) * (plotBottom - plotTop);
  const x = (p: number) => xOf(p, points.length);
  const parts: string[] = [];
  parts.push(`<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="#fff" stroke="#000"/>`);
  for (let k = lo; k <= hi; k++) {
    parts.push(`<line x1="${left - 5}" x2="${width - right}" y1="${y(k)}" y2="${y(k)}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${left - 8}" y="${y(k) + 4}" text-anchor="end" font-size="12">1e${k}</text>`);
  }
  const ticks = Math.min(points.length, 8);
  for (let i = 0; i < ticks; i++) {
    const pos = ticks === 1 ? 1 : Math.round(1 + (i * (points.length - 1)) / (ticks - 1));
    parts.push(`<text x="${x(pos)}" y="${height - bottom + 18}" text-anchor="middle" font-size="12">${pos}</text>`);
  }
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle" font-size="13">checkpoint (order recorded)</text>`);
  parts.push(`<text x="16" y="${(top + height - bottom) / 2}" text-anchor="middle" font-size="13" transform="rotate(-90 16 ${(top + height - bottom) / 2})">max abs difference (log)</text>`);
  const measured = points.filter((p) => p.maxAbs !== null && p.maxAbs > 0 && Number.isFinite(p.maxAbs));
  if (measured.length > 1) {
    const d = measured.map((p, i) => `${i ? 'L' : 'M'}${x(p.position).toFixed(1)},${y(Math.log10(p.maxAbs!)).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${COLOURS.series}" stroke-width="2"/>`);
  }
  for (const p of points) {
    const px = x(p.position).toFixed(1);
    if (p.reason === null) parts.push(`<rect x="${+px - 1}" y="${plotBottom + 6}" width="2" height="6" fill="${COLOURS.identical}"/>`);
    else if (p.maxAbs === null || !Number.isFinite(p.maxAbs) || p.maxAbs === 0) parts.push(`<rect x="${+px - 3}" y="${top + 3}" width="6" height="6" fill="${COLOURS.incomparable}"/>`);
    else parts.push(`<circle cx="${px}" cy="${y(Math.log10(p.maxAbs)).toFixed(1)}" r="3.5" fill="${COLOURS.series}"/>`);
  }
  const first = report.firstDivergence;
  if (first) {
    const fx = x(first.position).toFixed(1);
    parts.push(`<line x1="${fx}" x2="${fx}" y1="${top}" y2="${height - bottom}" stroke="${COLOURS.marker}" stroke-width="3"/>`);
    parts.push(`<circle cx="${fx}" cy="${top}" r="7" fill="${COLOURS.marker}"/>`);
    const anchor = first.position > points.length / 2 ? 'end' : 'start';
    parts.push(`<text x="${+fx + (anchor === 'end' ? -10 : 10)}" y="${top - 10}" text-anchor="${anchor}" font-size="13">first divergence: ${escape(first.checkpoint)} (#${first.position})</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${parts.join('')}</svg>`;
}

export function renderHtml(report: DiffReport, points: PlotPoint[]): string {
  const json = JSON.stringify(report, null, 2).replace(/</g, '\\u003c');
  const title = report.identical ? 'identical' : `diverged at ${report.firstDivergence!.checkpoint}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>seed-everything diff: ${escape(title)}</title>
<style>
body { margin: 16px; font-family: sans-serif; background: #fff; color: #111; }
main { display: flex; gap: 24px; align-items: flex-start; }
pre { margin: 0; font-size: 12px; white-space: pre-wrap; max-width: 640px; }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
</style></head>
<body>
<h1 style="font-size:18px;margin:0 0 8px">seed-everything diff: ${escape(title)}</h1>
<main>
<figure style="margin:0">${plotSvg(points, report)}
<figcaption class="legend"><span><i style="background:${COLOURS.series}"></i>max abs difference</span><span><i style="background:${COLOURS.marker}"></i>first divergence</span><span><i style="background:${COLOURS.incomparable}"></i>differs, not comparable as numbers</span><span><i style="background:${COLOURS.identical}"></i>identical</span></figcaption>
</figure>
<pre id="report-text">${escape(formatReport(report))}</pre>
</main>
<script id="report" type="application/json">${json}</script>
</body></html>
`;
}
