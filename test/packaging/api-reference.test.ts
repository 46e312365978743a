// Every public export, and every member of the namespaces, has a line in the README's API
// reference, and the reference names nothing that is not exported.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../helpers/child';
import * as api from '../../lib/index';

const NAMESPACES = ['cuda', 'curand', 'cudnn', 'tfjs', 'mathRandom'] as const;

function reference(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## API reference\n');
  assert.ok(start >= 0, 'README has an "## API reference" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

// "- `name(…)` — …" at the top level; "  - `ns.member…` — …" for namespace members.
function documented(section: string): { top: string[]; members: Record<string, string[]> } {
  const top: string[] = [];
  const members: Record<string, string[]> = {};
  for (const m of section.matchAll(/^([ \t]*)- `([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?[^`]*` — /gm)) {
    if (m[1] === '' && m[3] === undefined) top.push(m[2]);
    else if (m[3] !== undefined) (members[m[2]] ??= []).push(m[3]);
  }
  return { top, members };
}

test('the README lists exactly the package exports', () => {
  const { top } = documented(reference());
  assert.equal([...top].sort(), Object.keys(api).sort());
});

for (const ns of NAMESPACES) {
  test(`the README lists exactly the members of ${ns}`, () => {
    const { members } = documented(reference());
    assert.equal([...(members[ns] ?? [])].sort(), Object.keys(api[ns]).sort());
  });
}

test.run();
