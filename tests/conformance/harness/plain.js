'use strict';
/*
 * A program run by node alone, as a classic script, with nothing of the harness: checkpoint() does nothing and
 * gc() is V8's. Usage: node --expose-gc plain.js PROGRAM.js (or the program on standard input).
 * What it prints and its exit status are node's own (1 after an uncaught error or unhandled rejection): the
 * suite checks that the harness reports the same output, so its own work (heap snapshots, pauses, the time it
 * gives back to the timers) changes nothing a program prints.
 */
const vm = require('node:vm');
const fs = require('node:fs');

const source = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : fs.readFileSync(0, 'utf8');
Object.defineProperty(globalThis, 'checkpoint', {
  value: function checkpoint() {},
  writable: true,
  enumerable: true,
  configurable: true,
});
new vm.Script(source, { filename: 'memcourse-program.js' }).runInThisContext();
