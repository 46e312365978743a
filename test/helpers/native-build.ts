// Building small addons and host programs from tests: finds node-gyp, Node's headers and a C++
// compiler without the network, so a machine that lacks one skips instead of failing.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');

export function hasCompiler(): boolean {
  return spawnSync('c++', ['--version'], { encoding: 'utf8' }).status === 0;
}

export function nodeGyp(): string | null {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed locally; npm's bundled copy is the usual one
  }
  return candidates.find((c): c is string => !!c && fs.existsSync(c)) ?? null;
}

/** Node's own headers when they are on disk, so that node-gyp need not download them. */
export function nodedirArgs(): string[] {
  if (process.env.npm_config_nodedir) return [`--nodedir=${process.env.npm_config_nodedir}`];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

export function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ code: -1, output: String(err) }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Copies examples/consumer-addon and include/ into a fresh temp tree (keeping the example's
 * relative include path) and builds it there. `editApiHeader` rewrites the copied api.h, to
 * stand for an addon built against another version of the header.
 */
export async function buildConsumer(label: string, editApiHeader?: (text: string) => string): Promise<string> {
  const gyp = nodeGyp();
  if (!gyp) throw new Error('node-gyp not found (npm ships one; set npm_config_node_gyp)');
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), `se-consumer-${label}-`));
  const example = path.join(tree, 'examples', 'consumer-addon');
  fs.cpSync(path.join(root, 'examples', 'consumer-addon'), example, {
    recursive: true,
    filter: (src) => !/[\\/](build|node_modules)$/.test(src),
  });
  fs.cpSync(path.join(root, 'include'), path.join(tree, 'include'), { recursive: true });
  if (editApiHeader) {
    const header = path.join(tree, 'include', 'seed_everything', 'api.h');
    fs.writeFileSync(header, editApiHeader(fs.readFileSync(header, 'utf8')));
  }
  const r = await run(process.execPath, [gyp, 'rebuild', ...nodedirArgs()], example);
  const addon = path.join(example, 'build', 'Release', 'consumer.node');
  if (r.code !== 0 || !fs.existsSync(addon)) throw new Error(`building the consumer addon failed:\n${r.output}`);
  return addon;
}
