// cuDNN 9's libcudnn.so.9 loads its sub-libraries itself and aborts the process when one is
// missing: the loader must see that first and report it instead of calling into the shim.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runChild } from '../helpers/child';
import { requires } from '../helpers/require';

const hasCompiler = spawnSync('g++', ['--version']).status === 0;
const it = requires('compiler', hasCompiler, 'g++ is needed to build a stand-in libcudnn.so.9');

it('a libcudnn.so.9 without its sub-libraries is reported as incomplete, and nothing aborts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'se-cudnn-'));
  const src = path.join(dir, 'shim.cc');
  // Exports cudnnGetVersion so that only the missing parts can be the reason.
  fs.writeFileSync(src, 'extern "C" unsigned long cudnnGetVersion() { __builtin_trap(); }\n');
  execFileSync('g++', ['-shared', '-fPIC', '-o', path.join(dir, 'libcudnn.so.9'), src]);
  fs.writeFileSync(path.join(dir, 'libcudnn_ops.so.9'), '');
  const r = runChild(
    `const { doctor, cudnn } = require('./lib/index');
     const d = doctor();
     let err; try { cudnn.selectConvolutionAlgorithm('forward', { input: [1, 1, 4, 4], filter: [1, 1, 3, 3] }); } catch (e) { err = e.code; }
     console.log(JSON.stringify({ cudnn: d.libraries.cudnn, available: cudnn.isAvailable(), err }));`,
    { SEED_EVERYTHING_CUDA_PATH: dir },
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{ cudnn: { loaded: boolean; error: string; origin: string | null }; available: boolean; err: string }>();
  assert.is(out.cudnn.loaded, false);
  assert.match(out.cudnn.error, /cuDNN 9 is incomplete: libcudnn_graph\.so\.9, libcudnn_cnn\.so\.9/);
  assert.not.match(out.cudnn.error, /libcudnn_ops\.so\.9,/);
  assert.is(out.available, false);
  assert.is(out.err, 'ERR_CUDNN_UNAVAILABLE');
  fs.rmSync(dir, { recursive: true });
});

test.run();
