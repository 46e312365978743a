// `diff --html`: the page is self-contained, and Debian's headless Chromium draws its plot and the
// first-divergence marker where they belong (read back from the screenshot's pixels).
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COLOURS, PLOT, xOf } from '../../lib/trace/html';
import { readPng, type Image } from './png';
import { cli, counterFile, program, tempDir } from './run-diff';

function chromium(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error('this test needs Chromium: apt-get install -y chromium (CI installs it)');
}

function screenshot(page: string, out: string): Image {
  const profile = tempDir();
  const r = spawnSync(
    chromium(),
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      `--user-data-dir=${profile}`, `--screenshot=${out}`, '--window-size=1400,800', '--hide-scrollbars', `file://${page}`],
    { encoding: 'utf8', timeout: 120000 },
  );
  assert.ok(fs.existsSync(out), `no screenshot (exit ${r.status}): ${r.stderr}`);
  fs.rmSync(profile, { recursive: true, force: true });
  return readPng(fs.readFileSync(out));
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
const near = (p: number[], c: string) => hex(c).every((v, i) => Math.abs(v - p[i]) <= 8);

/**
 * The page y of the SVG's top edge, from the plot frame's top line (PLOT.top down): the first row
 * that is dark (black, or grey where the 1 px line is anti-aliased) across nearly the whole plot.
 */
function svgTop(img: Image, left: number): number {
  const from = left + PLOT.left + 20;
  const to = left + PLOT.width - PLOT.right - 20;
  for (let y = 0; y < img.height; y++) {
    let dark = 0;
    for (let x = from; x < to; x++) if (img.rgb(x, y).every((v) => v < 200)) dark++;
    if (dark >= 0.9 * (to - from)) return y - PLOT.top;
  }
  throw new Error('no plot frame in the screenshot');
}

function pixels(img: Image, colour: string, inside: (x: number, y: number) => boolean = () => true): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (inside(x, y) && near(img.rgb(x, y), colour)) out.push({ x, y });
  return out;
}

test('the page plots the difference per checkpoint and marks the first divergence where it is', () => {
  const dir = tempDir();
  const page = path.join(dir, 'diff.html');
  const r = cli(['diff', '--html', page, '--', ...program('inject.ts')], { RUN_COUNTER: counterFile(), DIVERGE_AT: '7' });
  assert.is(r.status, 1, r.stderr);
  const html = fs.readFileSync(page, 'utf8');
  assert.not.match(html, /<link|<img|<iframe|\bsrc=|href=|url\(|@import/i, 'nothing to fetch');
  assert.equal(html.match(/https?:\/\/[^"\s]*/g), ['http://www.w3.org/2000/svg'], 'only the SVG namespace, which is never fetched');
  assert.match(html, /first divergent checkpoint: &#34;step&#34; occurrence 7, position 8/, 'the report beside the plot');
  const img = screenshot(page, path.join(dir, 'diff.png'));
  // The figure starts at the body's 16 px margin; the marker is a vertical line at checkpoint 8 of 21.
  const left = 16;
  const svg = svgTop(img, left);
  const inSvg = (x: number, y: number) => y >= svg && y < svg + PLOT.height && x >= left + PLOT.left && x <= left + PLOT.width - PLOT.right;
  const marker = pixels(img, COLOURS.marker, inSvg);
  assert.ok(marker.length > 300, `marker drawn: ${marker.length} pixels`);
  const mx = marker.reduce((s, p) => s + p.x, 0) / marker.length;
  const expected = left + xOf(8, 21);
  assert.ok(Math.abs(mx - expected) <= 2, `marker at x ${mx.toFixed(1)}, expected ${expected.toFixed(1)}`);
  const top = Math.min(...marker.map((p) => p.y));
  const bottom = Math.max(...marker.map((p) => p.y));
  assert.ok(bottom - top > 300, `the marker spans the plot's height: ${top}..${bottom}`);
  const inPlot = (x: number, y: number) => y >= top && y <= bottom && x >= left + PLOT.left && x <= left + PLOT.width - PLOT.right;
  const series = pixels(img, COLOURS.series, inPlot);
  assert.ok(series.length > 200, `the series is drawn: ${series.length} pixels`);
  assert.ok(series.every((p) => p.x >= expected - 6), 'no difference is plotted before the first divergence');
  assert.ok(Math.max(...series.map((p) => p.x)) >= left + xOf(20, 21) - 4, 'the series reaches the last divergent checkpoint');
  // the series rises: the injected offset grows with every step after the divergence
  const y = (x0: number) => {
    const col = series.filter((p) => Math.abs(p.x - x0) <= 1);
    return col.reduce((s, p) => s + p.y, 0) / col.length;
  };
  assert.ok(y(left + xOf(20, 21)) < y(left + xOf(9, 21)) - 50, 'later checkpoints differ more, so they are drawn higher');
  const identical = pixels(img, COLOURS.identical, (x, yy) => inPlot(x, yy) && x < expected - 6);
  assert.ok(identical.length >= 7 * 6, `the 7 identical checkpoints before it are marked: ${identical.length} pixels`);
});

test('an identical result draws no marker', () => {
  const dir = tempDir();
  const page = path.join(dir, 'same.html');
  const r = cli(['diff', '--html', page, '--', ...program('inject.ts')], { RUN_COUNTER: counterFile(), CHECKPOINTS: '5' });
  assert.is(r.status, 0, r.stderr);
  const img = screenshot(page, path.join(dir, 'same.png'));
  const svg = svgTop(img, 16);
  assert.is(pixels(img, COLOURS.marker, (x, y) => y >= svg && y < svg + PLOT.height && x < 16 + PLOT.width).length, 0);
  assert.ok(pixels(img, COLOURS.marker).length > 0, 'only the legend shows the marker colour');
  assert.ok(pixels(img, COLOURS.identical).length >= 6 * 6, 'the identical checkpoints are drawn');
});

test.run();
