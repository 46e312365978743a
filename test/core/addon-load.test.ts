import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { runChild } from '../helpers/child';

test('an addon that cannot be loaded explains platform, arch, Node-API, files tried and what to do', () => {
  const r = runChild(
    `const { cuda } = require('./lib/index');
     try { cuda.isAvailable(); console.log('null'); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, tried: e.tried })); }`,
    { SEED_EVERYTHING_ADDON: '/nonexistent/seed_everything.node' },
  );
  assert.is(r.status, 0, r.stderr);
  const err = r.json<{ code: string; message: string; tried: string[] }>();
  assert.is(err.code, 'ERR_ADDON_LOAD');
  assert.match(err.message, new RegExp(`platform: ${process.platform}, arch: ${process.arch}`));
  assert.match(err.message, new RegExp(`Node-API ${process.versions.napi}`));
  assert.match(err.message, /\/nonexistent\/seed_everything\.node/);
  assert.match(err.message, /npm rebuild seed-everything/);
  assert.equal(err.tried, ['/nonexistent/seed_everything.node']);
});

test('doctor still reports when the addon cannot be loaded', () => {
  const r = runChild(`console.log(JSON.stringify(require('./lib/index').doctor()))`, {
    SEED_EVERYTHING_ADDON: '/nonexistent/seed_everything.node',
  });
  assert.is(r.status, 0, r.stderr);
  const report = r.json<{ addon: { loaded: boolean; error: string }; libraries: unknown }>();
  assert.is(report.addon.loaded, false);
  assert.match(report.addon.error, /ERR_ADDON_LOAD|could not load its native addon/);
  assert.is(report.libraries, null);
});

test.run();
