'use strict';
// Prints one group of native/sources.json, space-separated, for binding.gyp's command expansion.
const group = process.argv[2] || 'common';
const list = require('../native/sources.json')[group] || [];
process.stdout.write(list.join(' '));
