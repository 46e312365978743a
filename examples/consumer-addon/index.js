'use strict';
// Usage: const consumer = require('.'); consumer.init(require('seed-everything').nativeApi());
module.exports = require('./build/Release/consumer.node');
