'use strict';
/*
 * V8 reference harness for the memcourse engine-trace contract (../../../../shared/contracts/engine-trace.md).
 *
 * Usage: node --expose-gc --no-opt --no-maglev --no-sparkplug --single-threaded-gc run.js PLAN.json
 *        (PLAN.json, or standard input when absent, is the output of tests/conformance/instrument.py.)
 * With "plain": true in the plan, the program runs as written (no site tags, `reachable` left empty): a
 * cross-check that the instrumentation changes no line, output, error, frame or primitive local.
 * Prints one JSON object: the contract's compared fields {"output", "error", "checkpoints"} plus
 * "warnings" (things the harness could not measure exactly). Exit status 0 when the program ran (even if it
 * threw), 3 when it could not run (syntax error, bad plan), 4 on a harness bug.
 *
 * How it measures (see "Notes on measuring V8" in the contract):
 * - The instrumented program runs as a classic script (vm.Script, runInThisContext) and tags every object it
 *   allocates with a non-enumerable symbol property holding its site "L:C#k".
 * - checkpoint(name) first takes a heap snapshot through an in-process inspector session (it runs a full
 *   collection first); the tags found on property edges of surviving objects are `reachable`. Then a
 *   `debugger` statement pauses at once, on this thread: the call frames give the stack and the scope chains
 *   give the locals. Every remote object is released before resuming, so the debugger keeps nothing alive.
 * - console.log goes through a private Console (node's own console keeps logged objects alive).
 * - Pausing on every exception records the line where each value was first thrown; a stack overflow does not
 *   pause, so its line comes from the error's stack.
 * The harness keeps no references to program objects between checkpoints, and no WeakRefs.
 */

const inspector = require('node:inspector');
const vm = require('node:vm');
const util = require('node:util');
const { promiseHooks } = require('node:v8');
const fs = require('node:fs');
const { Console } = require('node:console');
const { Writable } = require('node:stream');

const PROGRAM_URL = 'memcourse-program.js';
const SITE = Symbol('memcourse.site');
const SITE_EDGE = '<symbol memcourse.site>';
const OBJECT_GROUP = 'memcourse';
const OVERFLOW_MESSAGE = 'Maximum call stack size exceeded';

class HarnessError extends Error {}

// ---- inspector ---------------------------------------------------------------------------------------------

const session = new inspector.Session();
session.connect();

/** Post a command; an in-process session answers before post returns. */
function post(method, params = {}) {
  let failure = null;
  let answer = null;
  let answered = false;
  session.post(method, params, (error, result) => {
    failure = error;
    answer = result;
    answered = true;
  });
  if (!answered) throw new HarnessError(`inspector did not answer ${method} synchronously`);
  if (failure) throw new HarnessError(`${method}: ${failure.message}`);
  return answer;
}

// ---- allocation sites --------------------------------------------------------------------------------------

const siteCounters = new Map();
const parsedMethodSpecs = new Map();

/** The next "#k" of a site: counted in allocation order, from 1. */
function reserveSite(site) {
  const k = (siteCounters.get(site) || 0) + 1;
  siteCounters.set(site, k);
  return `${site}#${k}`;
}

function isObject(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function tagObject(value, tag) {
  if (!isObject(value) || Object.prototype.hasOwnProperty.call(value, SITE)) return value;
  try {
    Object.defineProperty(value, SITE, { value: tag, enumerable: false, writable: false, configurable: false });
  } catch (error) {
    warnings.add(`could not tag an object of ${tag}: ${error.message}`);
  }
  return value;
}

/** Make the tag an object literal copied from its source non-enumerable, as every other tag is. */
function hideTag(value) {
  const descriptor = Object.getOwnPropertyDescriptor(value, SITE);
  if (!descriptor || !descriptor.enumerable) return;
  Object.defineProperty(value, SITE, { value: descriptor.value, enumerable: false, writable: false, configurable: false });
}

// Array literals whose elements are being evaluated: tag -> site. V8 has already created the array.
const openArrays = new Map();

/** The site tag of an object, or null (built-ins allocate objects without one). */
function siteOf(value) {
  if (!isObject(value)) return null;
  const descriptor = Object.getOwnPropertyDescriptor(value, SITE);
  return descriptor ? descriptor.value : null;
}

/** Give an anonymous function the name the language would have given it without the wrapper call. */
function restoreName(fn, name) {
  if (typeof fn !== 'function' || !name) return;
  const own = Object.getOwnPropertyDescriptor(fn, 'name');
  if (own && own.value !== '') return;
  Object.defineProperty(fn, 'name', { value: name, writable: false, enumerable: false, configurable: true });
}

function methodSpecs(text) {
  if (!text) return [];
  if (!parsedMethodSpecs.has(text)) parsedMethodSpecs.set(text, JSON.parse(text));
  return parsedMethodSpecs.get(text);
}

/** Tag the methods, getters and setters of a new object or class, in source order. */
function tagMethods(target, specsText, isClass) {
  for (const spec of methodSpecs(specsText)) {
    // A well-known symbol key ([Symbol.iterator]) is the symbol; another computed key cannot be known here.
    const key = spec.symbol !== undefined ? Symbol[spec.symbol] : spec.key;
    if (key === null || key === undefined) {
      warnings.add(`method at ${spec.site} has a computed key: not tagged`);
      continue;
    }
    const holder = isClass && !spec.static ? target.prototype : target;
    const descriptor = holder ? Object.getOwnPropertyDescriptor(holder, key) : undefined;
    if (!descriptor) continue;
    const fn = spec.kind === 'get' ? descriptor.get : spec.kind === 'set' ? descriptor.set : descriptor.value;
    if (typeof fn === 'function') tagObject(fn, reserveSite(spec.site));
  }
}

function isConstructor(value) {
  if (typeof value !== 'function') return false;
  try {
    Reflect.construct(String, [], value);
    return true;
  } catch {
    return false;
  }
}

// `new` expressions whose object the constructor has not yet received, innermost last.
const underConstruction = [];

/** Tag the `this` a constructor started with, with the site its `new` expression reserved. */
function tagConstructed(newTarget, self) {
  const pending = underConstruction[underConstruction.length - 1];
  if (pending && !pending.used && pending.Constructor === newTarget) {
    pending.used = true;
    tagObject(self, pending.tag);
  }
  return self;
}

// `new Promise(executor)`: the built-in constructor creates the promise, then runs the executor, which can
// see it (through resolve and reject). A promise hook tags it at creation, before the executor runs; the hook
// is on only until then.
let stopPromiseHook = () => undefined;

function tagNextPromise(pending) {
  const stop = promiseHooks.onInit((promise) => {
    stopPromiseHook();
    if (pending.used) return;
    pending.used = true;
    tagObject(promise, pending.tag);
  });
  stopPromiseHook = () => {
    stopPromiseHook = () => undefined;
    stop();
  };
}

const instrumentation = {
  __mc_k: (site) => {
    const tag = reserveSite(site);
    openArrays.set(tag, site);
    return tag;
  },
  __mc_t: (tag, value) => {
    openArrays.delete(tag);
    return tagObject(value, tag);
  },
  __mc_sp: (site) => {
    const tag = reserveSite(site);
    return Object.defineProperty({}, SITE, { get: () => tag, enumerable: true, configurable: true });
  },
  __mc_o: (value, specs) => {
    hideTag(value);
    tagMethods(value, specs, false);
    return value;
  },
  __mc_n: (site, text, Constructor, ...args) => {
    if (!isConstructor(Constructor)) throw new TypeError(`${text} is not a constructor`);
    const pending = { Constructor, tag: reserveSite(site), used: false };
    underConstruction.push(pending);
    let made;
    try {
      if (Constructor === Promise) tagNextPromise(pending);
      made = Reflect.construct(Constructor, args);
    } finally {
      stopPromiseHook();
      underConstruction.splice(underConstruction.lastIndexOf(pending), 1);
    }
    return pending.used ? made : tagObject(made, pending.tag);
  },
  __mc_this: (newTarget, self) => {
    if (newTarget !== undefined) tagConstructed(newTarget, self);
  },
  __mc_s: (newTarget, self) => tagConstructed(newTarget, self),
  __mc_f: (site, fn, name) => {
    tagObject(fn, reserveSite(site));
    restoreName(fn, name);
    return fn;
  },
  __mc_d: (site, fn) => tagObject(fn, reserveSite(site)),
  __mc_c: (site, klass, name, specs) => {
    tagObject(klass, reserveSite(site));
    restoreName(klass, name);
    tagMethods(klass, specs, true);
    return klass;
  },
  __mc_z: () => undefined,
  __mc_siteOf: siteOf,
  __mc_throws: new WeakMap(),
};

// ---- values ------------------------------------------------------------------------------------------------

function numberValue(value) {
  if (Number.isNaN(value)) return { number: 'NaN' };
  if (value === Infinity) return { number: 'Infinity' };
  if (value === -Infinity) return { number: '-Infinity' };
  return value === 0 ? 0 : value;
}

/** A JavaScript value read directly by the harness, in the contract's form. */
function fromValue(value) {
  if (value === undefined) return { undefined: true };
  if (value === null) return null;
  switch (typeof value) {
    case 'number': return numberValue(value);
    case 'string':
    case 'boolean': return value;
    case 'bigint': return { bigint: String(value) };
    case 'symbol': return { symbol: value.description ?? null };
    default: return { site: siteOf(value) };
  }
}

/** A value the debugger reports (a CDP RemoteObject), in the contract's form. */
function fromRemote(remote) {
  switch (remote.type) {
    case 'undefined': return { undefined: true };
    case 'number':
      if (remote.unserializableValue === undefined) return remote.value;
      return remote.unserializableValue === '-0' ? 0 : { number: remote.unserializableValue };
    case 'string':
    case 'boolean': return remote.value;
    case 'bigint': return { bigint: remote.unserializableValue.replace(/n$/, '') };
    case 'symbol': return { symbol: remote.description };
    default:
      if (remote.subtype === 'null') return null;
      return { site: remoteSite(remote.objectId) };
  }
}

function remoteSite(objectId) {
  const { result } = post('Runtime.callFunctionOn', {
    objectId,
    functionDeclaration: 'function () { return globalThis.__mc_siteOf(this); }',
    returnByValue: true,
    silent: true,
    objectGroup: OBJECT_GROUP,
  });
  return result.value ?? null;
}

// ---- time ----------------------------------------------------------------------------------------------

/*
 * A checkpoint takes a heap snapshot (a few hundred milliseconds) and gc() a full collection (about 15 ms);
 * the contract's programs take no time for them. Node's timers run on the real clock (setTimeout stamps a
 * timer with the loop's time when it is created, and a timers phase runs what is due at the time it began),
 * so without a correction a checkpoint would make pending timers overdue and change the order in which
 * timers and immediates run. After each checkpoint and gc() the harness gives the time back: every pending
 * timer (node's timer lists: each timer's start and each list's expiry), the `now` of a timers phase in
 * progress (processTimers, listOnTimeout) and the start an interval that is running will be re-armed from
 * are moved later by the time the harness took, so everything happens as if it had taken none.
 */
const { timerListMap } = require('internal/timers');
const TIMERS_URL = 'node:internal/timers';
let timersScriptId = null;
const PHASE_CLOCKS = { processTimers: ['now'], listOnTimeout: ['now', 'start'] };
// Milliseconds not given back yet (shifts are whole milliseconds, as node's clock is).
let timeCarry = 0;
// When the program's gc() began, while it runs.
let gcStartedAt = null;

function giveTimeBack(callFrames, elapsed) {
  const total = elapsed + timeCarry;
  const shift = Math.floor(total);
  timeCarry = total - shift;
  if (shift <= 0) return;
  for (const list of Object.values(timerListMap)) {
    list.expiry += shift;
    for (let timer = list._idleNext; timer && timer !== list; timer = timer._idleNext) timer._idleStart += shift;
  }
  for (const frame of callFrames) {
    const names = frame.location.scriptId === timersScriptId ? PHASE_CLOCKS[frame.functionName] : undefined;
    if (!names) continue;
    frame.scopeChain.forEach((scope, scopeNumber) => {
      if (scope.type !== 'local' && scope.type !== 'block') return;
      const { result } = post('Runtime.getProperties', { objectId: scope.object.objectId, ownProperties: true });
      for (const property of result) {
        if (!names.includes(property.name) || !property.value || property.value.type !== 'number') continue;
        post('Debugger.setVariableValue', {
          scopeNumber,
          variableName: property.name,
          newValue: { value: property.value.value + shift },
          callFrameId: frame.callFrameId,
        });
      }
    });
  }
}

const collectGarbage = globalThis.gc;

/** The program's gc(): a full collection that, for the timers, takes no time. */
function gc() {
  gcStartedAt = performance.now();
  try {
    collectGarbage();
    // eslint-disable-next-line no-debugger
    debugger; // the pause gives the time back
  } finally {
    gcStartedAt = null;
  }
}

// ---- the program -------------------------------------------------------------------------------------------

let plan = null;
let programScriptId = null;
let baselineGlobals = null;
const warnings = new Set();
const checkpoints = [];
let capture = null;
let lastPrimitiveThrow = null;
let outputText = '';
let fatal = null;
// True while the script itself runs: only then is the outermost program frame <global>.
let scriptRunning = false;
// The result has been printed (the process is exiting).
let finished = false;

function comparePositions(a, b) {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

/** Is `name`, read as undefined at `position`, a let/const/class binding in its temporal dead zone? */
function inDeadZone(name, position) {
  let innermost = null;
  for (const binding of plan.lexicals) {
    if (binding.name !== name) continue;
    if (comparePositions(binding.start, position) > 0 || comparePositions(position, binding.end) >= 0) continue;
    if (innermost === null || comparePositions(binding.start, innermost.start) >= 0) innermost = binding;
  }
  return innermost !== null && comparePositions(position, innermost.ready) < 0;
}

function frameName(frame, isGlobal) {
  if (isGlobal) return '<global>';
  const where = `${frame.functionLocation.lineNumber}:${frame.functionLocation.columnNumber}`;
  if (Object.prototype.hasOwnProperty.call(plan.functions, where)) return plan.functions[where] || '<anonymous>';
  warnings.add(`no function starts at ${where}; used V8's name ${JSON.stringify(frame.functionName)}`);
  return frame.functionName || '<anonymous>';
}

const HIDDEN_BINDINGS = new Set(['this', 'arguments', 'new.target', '']);

function scopeBindings(scope, position, into) {
  const { result } = post('Runtime.getProperties', { objectId: scope.object.objectId, ownProperties: true });
  for (const property of result) {
    const name = property.name;
    if (HIDDEN_BINDINGS.has(name) || name.startsWith('.') || name.startsWith('#') || name in into) continue;
    if (!property.value) {
      into[name] = { undefined: true };
      continue;
    }
    const value = fromRemote(property.value);
    const deadZone = property.value.type === 'undefined' && scope.type !== 'global' && inDeadZone(name, position);
    into[name] = deadZone ? { uninitialized: true } : value;
  }
}

/** The scopes of a frame that belong to its own function: up to its local scope, or to the script scope. */
function ownScopes(frame, isGlobal) {
  const own = [];
  for (const scope of frame.scopeChain) {
    if (scope.type === 'global' || scope.type === 'closure' || scope.type === 'module') break;
    own.push(scope);
    if (scope.type === (isGlobal ? 'script' : 'local')) break;
  }
  return own;
}

function programGlobals() {
  const created = {};
  for (const key of Reflect.ownKeys(globalThis)) {
    if (typeof key !== 'string' || baselineGlobals.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
    created[key] = descriptor && 'value' in descriptor ? fromValue(descriptor.value) : { site: null };
  }
  return created;
}

/**
 * Tags of the array literals a frame on the stack is evaluating: V8 created them when they started, and
 * they are held by that frame. A frame inside the source range of a literal is evaluating one instance of
 * it; recursion opens the same literal in several frames, most recent last.
 */
function arraysBeingBuilt(frames) {
  const openCount = new Map();
  const inside = (array, location) => {
    const position = [location.lineNumber, location.columnNumber];
    return comparePositions(array.start, position) <= 0 && comparePositions(position, array.end) < 0;
  };
  for (const frame of frames) {
    for (const array of plan.arrays) {
      // A function written inside the literal runs in a frame of its own: it is not evaluating the literal.
      if (inside(array, frame.location) && !inside(array, frame.functionLocation)) {
        openCount.set(array.site, (openCount.get(array.site) || 0) + 1);
      }
    }
  }
  const tags = [];
  for (const [site, count] of openCount) {
    const open = [...openArrays].filter(([, openSite]) => openSite === site).map(([tag]) => tag);
    tags.push(...open.slice(Math.max(0, open.length - count)));
  }
  return tags;
}

function describeFrames(callFrames, globals) {
  const frames = callFrames.filter((frame) => frame.location.scriptId === programScriptId);
  const stack = [];
  const locals = [];
  frames.forEach((frame, index) => {
    // After the script has finished (timers, immediates, jobs, resumed async functions and generators)
    // no frame is the script's.
    const isGlobal =
      scriptRunning && index === frames.length - 1 && !frame.scopeChain.some((scope) => scope.type === 'local');
    const position = [frame.location.lineNumber, frame.location.columnNumber];
    const bindings = {};
    for (const scope of ownScopes(frame, isGlobal)) scopeBindings(scope, position, bindings);
    if (isGlobal) for (const [name, value] of Object.entries(globals)) if (!(name in bindings)) bindings[name] = value;
    stack.push({ function: frameName(frame, isGlobal), line: frame.location.lineNumber + 1 });
    locals.push(bindings);
  });
  return { stack, locals, openArrays: arraysBeingBuilt(frames) };
}

function releaseRemoteObjects() {
  post('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
  post('Runtime.releaseObjectGroup', { objectGroup: 'backtrace' });
}

function onPaused({ params }) {
  try {
    // A rejection (reject(), Promise.reject()) is not a throw: an Error that was only rejected has the
    // line where it was created.
    if (params.reason === 'exception') recordThrow(params);
    else if (params.reason === 'promiseRejection') return;
    else if (capture !== null && capture.frames === null) {
      capture.frames = describeFrames(params.callFrames, capture.globals);
      giveTimeBack(params.callFrames, performance.now() - capture.startedAt);
    } else if (gcStartedAt !== null) {
      giveTimeBack(params.callFrames, performance.now() - gcStartedAt);
    }
  } catch (error) {
    if (capture !== null) capture.failure = error;
    else warnings.add(`pause handler failed: ${error.message}`);
  } finally {
    releaseRemoteObjects();
    post('Debugger.resume');
  }
}

/** Remember the line where a value was first thrown (the contract's `line` of an uncaught error). */
function recordThrow(params) {
  const frame = params.callFrames.find((candidate) => candidate.location.scriptId === programScriptId);
  const thrown = params.data;
  if (!frame || !thrown) return;
  const line = frame.location.lineNumber + 1;
  if (thrown.type === 'object' && thrown.subtype !== 'null' && thrown.objectId) {
    post('Runtime.callFunctionOn', {
      objectId: thrown.objectId,
      functionDeclaration: 'function (line) { const m = globalThis.__mc_throws; if (!m.has(this)) m.set(this, line); }',
      arguments: [{ value: line }],
      silent: true,
      objectGroup: OBJECT_GROUP,
    });
    return;
  }
  const value = fromRemote(thrown);
  if (lastPrimitiveThrow === null || JSON.stringify(lastPrimitiveThrow.value) !== JSON.stringify(value)) {
    lastPrimitiveThrow = { value, line };
  }
}

/** The program's checkpoint(name): reachable sites first, then the stack and locals, then resume. */
function checkpoint(name) {
  const startedAt = performance.now();
  // A plain (uninstrumented) run has no tags to find.
  const reachable = plan.plain ? [] : reachableSites();
  capture = { name: String(name), reachable, globals: programGlobals(), frames: null, failure: null, startedAt };
  // eslint-disable-next-line no-debugger
  debugger;
  const done = capture;
  capture = null;
  // Remembered as well as thrown: the program's own try/catch could swallow the exception.
  if (done.failure) fatal = new HarnessError(`checkpoint ${done.name}: ${done.failure.stack || done.failure}`);
  else if (done.frames === null) fatal = new HarnessError(`checkpoint ${done.name}: the debugger did not pause`);
  if (fatal) throw fatal;
  const innermost = done.frames.stack[0];
  const allReachable = [...new Set([...done.reachable, ...done.frames.openArrays])].sort();
  checkpoints.push({
    name: done.name,
    line: innermost ? innermost.line : null,
    stack: done.frames.stack,
    locals: done.frames.locals,
    reachable: allReachable,
  });
}

let snapshotChunks = [];

/** Sites of tagged objects that survive a full collection, read from a heap snapshot's property edges. */
function reachableSites() {
  snapshotChunks = [];
  post('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  const snapshot = JSON.parse(snapshotChunks.join(''));
  snapshotChunks = [];
  const meta = snapshot.snapshot.meta;
  const edgeFields = meta.edge_fields.length;
  const propertyType = meta.edge_types[0].indexOf('property');
  const nameField = meta.node_fields.indexOf('name');
  const typeField = meta.node_fields.indexOf('type');
  const stringTypes = new Set(meta.node_types[0].flatMap((type, index) => (/string/.test(type) ? [index] : [])));
  const tagName = snapshot.strings.indexOf(SITE_EDGE);
  if (tagName < 0) return [];
  const { edges, nodes, strings } = snapshot;
  const sites = new Set();
  for (let i = 0; i < edges.length; i += edgeFields) {
    if (edges[i] !== propertyType || edges[i + 1] !== tagName) continue;
    const target = edges[i + 2];
    // A literal's tag source holds an accessor, not a string: it is not an object with that site.
    if (stringTypes.has(nodes[target + typeField])) sites.add(strings[nodes[target + nameField]]);
  }
  return [...sites].sort();
}

// ---- errors ------------------------------------------------------------------------------------------------

function programLineOfStack(error) {
  const stack = String(error.stack || '').split('\n').slice(1);
  const frames = stack.map((text) => ({ text, program: text.includes(PROGRAM_URL) }));
  // V8 detects an overflow on entry to a callee, whose frame is on top; the call that overflowed is the
  // frame below. (The instrumentation's own helper calls can be the callee that overflows instead: in a
  // runaway recursion, the frame below is then at the same recursive call.)
  const lines = [];
  for (const frame of frames) {
    if (!frame.program) continue;
    const match = frame.text.match(new RegExp(`${PROGRAM_URL.replace('.', '\\.')}:(\\d+):\\d+`));
    if (match) lines.push(Number(match[1]));
  }
  return lines.length > 1 ? lines[1] : lines[0] ?? null;
}

function describeError(thrown) {
  if (thrown instanceof Error) {
    const overflow = thrown instanceof RangeError && thrown.message === OVERFLOW_MESSAGE;
    const line = overflow ? programLineOfStack(thrown) : instrumentation.__mc_throws.get(thrown) ?? programLineOfStack(thrown);
    return { name: String(thrown.name), message: String(thrown.message), line: line ?? null };
  }
  const line = isObject(thrown) ? instrumentation.__mc_throws.get(thrown) : lastPrimitiveThrow && lastPrimitiveThrow.line;
  return { name: 'Uncaught', message: util.inspect(thrown), line: line ?? null };
}

/** The line of the first program frame of an error's stack: where an Error that was never thrown was made. */
function creationLine(error) {
  const pattern = new RegExp(`${PROGRAM_URL.replace('.', '\\.')}:(\\d+):\\d+`);
  for (const text of String(error.stack || '').split('\n').slice(1)) {
    const match = text.match(pattern);
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * An error that ended the run after the script: an Error's line is where it was first thrown, else (a
 * rejection with an Error nobody threw) where it was created; node's own UnhandledPromiseRejection (a
 * rejection whose reason is not an Error) has no program line.
 */
function describeAsyncError(thrown) {
  if (thrown instanceof Error) {
    const overflow = thrown instanceof RangeError && thrown.message === OVERFLOW_MESSAGE;
    const line = overflow ? programLineOfStack(thrown) : instrumentation.__mc_throws.get(thrown) ?? creationLine(thrown);
    return { name: String(thrown.name), message: String(thrown.message), line: line ?? null };
  }
  return describeError(thrown);
}

// ---- setup and run -----------------------------------------------------------------------------------------

function installGlobals() {
  const sink = (keep) => new Writable({
    decodeStrings: false,
    write(chunk, encoding, done) {
      if (keep) outputText += String(chunk);
      done();
    },
  });
  const console = new Console({ stdout: sink(true), stderr: sink(false), colorMode: false });
  const hidden = (value) => ({ value, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(globalThis, 'console', hidden(console));
  for (const [name, value] of Object.entries(instrumentation)) Object.defineProperty(globalThis, name, hidden(value));
  Object.defineProperty(globalThis, 'checkpoint', { value: checkpoint, writable: true, enumerable: true, configurable: true });
  if (typeof collectGarbage !== 'function') throw new HarnessError('run node with --expose-gc');
  Object.defineProperty(globalThis, 'gc', { ...Object.getOwnPropertyDescriptor(globalThis, 'gc'), value: gc });
}

function syntaxError(error) {
  const match = String(error.stack || '').match(/:(\d+)\n/);
  return { name: 'SyntaxError', message: error.message, line: match ? Number(match[1]) : null };
}

/** Write all of `text` to a file descriptor, synchronously (a pipe may take it in parts). */
function writeAll(fd, text) {
  const data = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += fs.writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

function outputLines() {
  return outputText === '' ? [] : outputText.replace(/\n$/, '').split('\n');
}

function result(error) {
  return { output: outputLines(), error, checkpoints, warnings: [...warnings] };
}

/** Print the result and leave at once: nothing of the program runs after this. */
function finish(status, error) {
  if (fatal) harnessFailure(fatal);
  finished = true;
  writeAll(1, `${JSON.stringify(result(error))}\n`);
  process.exit(status);
}

function harnessFailure(error) {
  writeAll(2, `run.js: harness failure: ${error.stack || error}\n`);
  process.exit(4);
}

/**
 * An exception nothing caught after the script: thrown by a timer, an immediate or a job, or an unhandled
 * rejection (node 20, --unhandled-rejections=throw, hands those to the same listener, a non-Error reason
 * wrapped in its own UnhandledPromiseRejection error). Node would print it and stop the process there; the
 * harness records it and stops as well, before anything else runs.
 */
function onUncaughtException(thrown) {
  if (thrown instanceof HarnessError || fatal) harnessFailure(fatal || thrown);
  let error;
  try {
    error = describeAsyncError(thrown);
  } catch (failure) {
    harnessFailure(failure);
  }
  finish(0, error);
}

/** The event loop is empty (or the program called process.exit): the run is complete. */
function onExit() {
  if (finished) return;
  if (fatal) harnessFailure(fatal);
  writeAll(1, `${JSON.stringify(result(null))}\n`);
  process.exitCode = 0;
}

/**
 * Run the script. A synchronous uncaught error ends the run there (node stops before any job or timer
 * runs); otherwise the event loop goes on and the result is printed when it is empty (process 'exit').
 */
function runProgram() {
  try {
    new vm.Script(plan.original, { filename: 'memcourse-original.js' });
  } catch (error) {
    writeAll(1, `${JSON.stringify({ output: [], error: syntaxError(error), checkpoints: [] })}\n`);
    process.exit(3);
  }
  session.on('Debugger.scriptParsed', ({ params }) => {
    if (params.url === PROGRAM_URL) programScriptId = params.scriptId;
    if (params.url === TIMERS_URL) timersScriptId = params.scriptId;
  });
  session.on('Debugger.paused', onPaused);
  session.on('HeapProfiler.addHeapSnapshotChunk', ({ params }) => snapshotChunks.push(params.chunk));
  post('Debugger.enable');
  post('Debugger.setPauseOnExceptions', { state: 'all' });
  const script = new vm.Script(plan.source, { filename: PROGRAM_URL });
  installGlobals();
  baselineGlobals = new Set(Reflect.ownKeys(globalThis));
  scriptRunning = true;
  try {
    script.runInThisContext();
  } catch (thrown) {
    scriptRunning = false;
    if (thrown instanceof HarnessError) throw thrown;
    finish(0, describeError(thrown));
  }
  scriptRunning = false;
  if (fatal) throw fatal;
  process.on('uncaughtException', onUncaughtException);
  process.on('exit', onExit);
}

function main() {
  const source = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : fs.readFileSync(0, 'utf8');
  try {
    plan = JSON.parse(source);
  } catch (error) {
    process.stderr.write(`run.js: the plan is not JSON: ${error.message}\n`);
    process.exit(3);
  }
  try {
    runProgram();
  } catch (error) {
    harnessFailure(error);
  }
  // The program's jobs, timers and immediates run from here on, as after a node main script.
}

main();
