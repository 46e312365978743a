#!/usr/bin/env node
'use strict';
// node native/gen_constants.js <constants.json> <out.h>: the C++ view of the table both languages
// read (TypeScript imports the JSON itself). Run by binding.gyp and CMakeLists.txt at build time,
// so it ships in the package with the JSON and writes only into the build folder.
const fs = require('node:fs');
const path = require('node:path');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: gen_constants.js <constants.json> <out.h>');
  process.exit(2);
}
const table = JSON.parse(fs.readFileSync(input, 'utf8'));
const directions = [['forward', 'Forward'], ['backwardData', 'BackwardData'], ['backwardFilter', 'BackwardFilter']];

function fail(message) {
  console.error(`gen_constants.js: ${input}: ${message}`);
  process.exit(1);
}
const isName = (s) => typeof s === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(s);
if (!Number.isInteger(table.maxDevices) || table.maxDevices < 1) fail('maxDevices must be a positive integer');
if (!Array.isArray(table.outputKinds) || !table.outputKinds.every(isName)) fail('outputKinds must be identifiers');

const cString = (s) => `"${s}"`;
const lines = [
  '#pragma once',
  `// Generated from native/constants.json by native/gen_constants.js: edit the JSON, not this file.`,
  '',
  'namespace seed_everything {',
  'namespace constants {',
  '',
  `constexpr int kMaxDevices = ${table.maxDevices};`,
  '',
];
let maxCount = 0;
for (const [key, Name] of directions) {
  const names = table.cudnn?.algorithms?.[key];
  const deterministic = table.cudnn?.deterministic?.[key];
  if (!Array.isArray(names) || names.length === 0 || !names.every(isName)) fail(`cudnn.algorithms.${key} must be algorithm names`);
  if (!Array.isArray(deterministic) || !deterministic.every((id) => Number.isInteger(id) && id >= 0 && id < names.length)) {
    fail(`cudnn.deterministic.${key} must be ids below ${names.length}`);
  }
  maxCount = Math.max(maxCount, names.length);
  lines.push(`constexpr int k${Name}AlgoCount = ${names.length};`);
  lines.push(`constexpr bool k${Name}Deterministic[] = {${names.map((_, id) => deterministic.includes(id)).join(', ')}};`);
  lines.push('');
}
lines.push(`constexpr int kMaxAlgoCount = ${maxCount};`, '');
const kinds = table.outputKinds;
const enumName = (k) => `kOutput${k[0].toUpperCase()}${k.slice(1)}`;
lines.push(`enum OutputKind : int { ${kinds.map((k, i) => `${enumName(k)} = ${i}`).join(', ')} };`);
lines.push(`constexpr int kOutputKindCount = ${kinds.length};`);
lines.push(`constexpr const char* kOutputKindNames[] = {${kinds.map(cString).join(', ')}};`);
lines.push('', '}  // namespace constants', '}  // namespace seed_everything', '');

fs.mkdirSync(path.dirname(output), { recursive: true });
const text = lines.join('\n');
// Unchanged output keeps its timestamp, so make does not rebuild what includes it.
if (!fs.existsSync(output) || fs.readFileSync(output, 'utf8') !== text) fs.writeFileSync(output, text);
