/* memview/timeline.js: the step timeline v2 (docs/timeline.md) replayed into full memory states.

   new Timeline(trace, {keyframeEvery}) reads trace.steps (v2) once, keeps a copy of the state every
   `keyframeEvery` steps (further apart while the heap is big: see _indexSteps), so state(k) for any k costs at
   most that many entry applications.
   Without trace.steps, the timeline is the trace's checkpoints: one "step" per checkpoint.

   timeline.names: {"@17": "scope 1"}: names for the objects without a site, stable over the run.
   timeline.tasks: [{step, task, now}]: where each task or job of the event loop begins (the script first);
   timeline.loopEvents: [{step, event: "script_end"|"end"}]; timeline.usesLoop: whether the run used the loop;
   timeline.taskIndexAt(k); timeline.seen: key -> the last description of every object met (for names).
   A state: {stack: [{function, line, locals, scope, roots}] outermost first, heap: {key: description},
   heapKnown, line, event, entry, freedNow: {key: description of an object a gc() freed at this step},
   outputLength, checkpoint (its index, at a checkpoint event), error, loop (the event loop, docs/event-loop.md:
   {task, script_done, now, timers, immediates, microtasks}; null for a trace from before the event loop)}.
   After the script (loop.script_done) the stack keeps the finished script frame at depth 0, as the timeline does;
   a checkpoint's `globals` is put back there (state.globalsFromCheckpoint: its depths are the checkpoint's plus 1). States returned by state(k) are shared
   with the replay cursor: read them, don't change them, and don't keep them past the next state() call
   (copyState() gives one to keep).

   Browser: window.MemView.timeline. Node: require("./timeline.js"). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./values.js"));
  } else {
    root.MemView = root.MemView || {};
    root.MemView.timeline = factory(root.MemView.values);
  }
})(typeof self !== "undefined" ? self : this, function (values) {
  "use strict";

  var DEFAULT_KEYFRAME_EVERY = 128;
  var HEAP_PER_STEP = 4;
  // The event loop before anything asynchronous happened (docs/event-loop.md; engine/timeline.py's EMPTY_LOOP).
  var EMPTY_LOOP = { task: { kind: "script" }, script_done: false, now: 0, timers: [], immediates: [], microtasks: [] };

  function emptyState() {
    return {
      stack: [], heap: {}, heapSize: 0, heapKnown: true, line: null, event: null, entry: null,
      freedNow: {}, outputLength: 0, checkpoint: null, error: null, loop: EMPTY_LOOP,
    };
  }

  function copyFrame(frame) {
    return {
      "function": frame["function"],
      line: frame.line,
      locals: Object.assign({}, frame.locals || {}),
      scope: frame.scope === undefined ? null : frame.scope,
      roots: (frame.roots || []).slice(),
    };
  }

  /** A deep-enough copy: frames and the heap map are copied; object descriptions are never mutated in place. */
  function copyState(state) {
    return {
      stack: state.stack.map(copyFrame),
      heap: Object.assign({}, state.heap),
      heapSize: state.heapSize,
      heapKnown: state.heapKnown,
      line: state.line,
      event: state.event,
      entry: state.entry,
      freedNow: state.freedNow,
      outputLength: state.outputLength,
      checkpoint: state.checkpoint,
      error: state.error,
      loop: state.loop,
    };
  }

  function fail(index, message) {
    throw new Error("timeline entry " + index + ": " + message);
  }

  function frameAt(state, depth, index, field) {
    var frame = state.stack[Number(depth)];
    if (!frame) fail(index, "`" + field + "` names frame " + depth + " but the stack has " + state.stack.length);
    return frame;
  }

  /** A new description of one object with a `patch` applied (the old description is left as it was), in the
      documented order: length, items, props, unprops. */
  function patchObject(obj, patch, index, key) {
    if (!obj) fail(index, "`patch` of " + key + ", which is not in the heap");
    var next = Object.assign({}, obj);
    if (patch.items || patch.length !== undefined) {
      var items = (obj.items || []).slice();
      if (patch.length !== undefined) {
        if (patch.length < items.length) items.length = patch.length;
        while (items.length < patch.length) items.push({ undefined: true });
      }
      Object.keys(patch.items || {}).forEach(function (i) {
        var at = Number(i);
        while (items.length < at) items.push({ undefined: true });
        items[at] = patch.items[i];
      });
      next.items = items;
    }
    if (patch.props || patch.unprops) {
      next.props = Object.assign({}, obj.props || {});
      Object.keys(patch.props || {}).forEach(function (name) { next.props[name] = patch.props[name]; });
      (patch.unprops || []).forEach(function (name) { delete next.props[name]; });
    }
    return next;
  }

  /** Apply one v2 entry to `state` in place, in the order docs/timeline.md gives. */
  function applyEntry(state, entry, index) {
    var d;
    if (entry.pop) {
      if (entry.pop > state.stack.length) fail(index, "pops " + entry.pop + " frames of " + state.stack.length);
      state.stack.length -= entry.pop;
    }
    (entry.push || []).forEach(function (frame) { state.stack.push(copyFrame(frame)); });
    for (d in entry.lines || {}) frameAt(state, d, index, "lines").line = entry.lines[d];
    for (d in entry.locals || {}) {
      var frame = frameAt(state, d, index, "locals");
      var changed = entry.locals[d];
      for (var name in changed) frame.locals[name] = changed[name];
    }
    for (d in entry.unset || {}) {
      var target = frameAt(state, d, index, "unset");
      entry.unset[d].forEach(function (name) { delete target.locals[name]; });
    }
    for (d in entry.scopes || {}) frameAt(state, d, index, "scopes").scope = entry.scopes[d];
    for (d in entry.roots || {}) frameAt(state, d, index, "roots").roots = entry.roots[d].slice();
    if (state.stack.length) state.stack[state.stack.length - 1].line = entry.line;
    state.line = entry.line;
    state.event = entry.event || null;
    state.entry = entry;
    state.checkpoint = entry.event === "checkpoint" ? entry.checkpoint : null;
    state.error = entry.event === "error" ? (entry.error || null) : null;
    state.freedNow = {};
    if (entry.loop) state.loop = entry.loop;   // the whole new value, never changed in place
    if (entry.heap_omitted) state.heapKnown = false;
    var key;
    if (entry.heap_reset) {
      state.heap = {};
      state.heapSize = 0;
      state.heapKnown = true;
    }
    for (key in entry.heap || {}) {
      if (!(key in state.heap)) state.heapSize += 1;
      state.heap[key] = entry.heap[key];
    }
    for (key in entry.patch || {}) state.heap[key] = patchObject(state.heap[key], entry.patch[key], index, key);
    (entry.freed || []).forEach(function (k) {
      if (!(k in state.heap)) return;
      state.freedNow[k] = state.heap[k];
      state.heapSize -= 1;
      delete state.heap[k];
    });
    if (entry.out) state.outputLength += entry.out.length;
    return state;
  }

  /** The state of one checkpoint of the trace (its stack and locals are innermost first). A checkpoint after the
      script gives the finished script frame as `globals`: it goes back at depth 0, as in the timeline. */
  function stateFromCheckpoint(cp, index) {
    var stack = cp.stack || [];
    var frames = cp.frames || [];
    var locals = cp.locals || [];
    var state = emptyState();
    state.loop = cp.loop || null;
    if (cp.globals) {
      state.stack.push({
        "function": "<global>", line: null, locals: Object.assign({}, cp.globals.locals || {}),
        scope: cp.globals.scope === undefined ? null : cp.globals.scope, roots: (cp.globals.roots || []).slice(),
      });
      state.globalsFromCheckpoint = true;
    }
    for (var i = stack.length - 1; i >= 0; i--) {
      state.stack.push({
        "function": stack[i]["function"],
        line: stack[i].line,
        locals: Object.assign({}, locals[i] || {}),
        scope: frames[i] ? (frames[i].scope === undefined ? null : frames[i].scope) : null,
        roots: frames[i] ? (frames[i].roots || []).slice() : [],
      });
    }
    state.heap = Object.assign({}, cp.heap || {});
    state.heapSize = Object.keys(state.heap).length;
    state.line = cp.line === undefined ? null : cp.line;
    state.event = "checkpoint";
    state.checkpoint = index;
    state.garbage = cp.garbage || null;
    state.leaked = cp.refcount_leaked || null;
    return state;
  }

  /** What stopped the run early, if anything: {kind: "limit"|"truncated"|"error", message}. */
  function limitsOf(trace) {
    var found = [];
    var error = trace && trace.error;
    if (error && error.name === "LimitExceeded") {
      found.push({ kind: "limit", message: "The run hit a limit: " + (error.message || "a limit") + " It shows the partial run." });
    } else if (error) {
      found.push({
        kind: "error",
        message: "The program stopped with an uncaught " + error.name + (error.message ? ": " + error.message : "") +
          (error.line ? " (line " + error.line + ")" : "") + ".",
      });
    }
    if (trace && trace.steps_truncated) {
      found.push({
        kind: "truncated",
        message: "The timeline is truncated: " + (trace.steps_truncated_reason || "recording stopped before the run ended.") +
          " The steps shown are exact; the program ran on.",
      });
    }
    return found;
  }

  /** Whether trace.steps is a version 2 timeline (an older one lists the whole stack by name in each entry). */
  function isV2Timeline(trace) {
    var steps = trace.steps;
    if (!Array.isArray(steps) || !steps.length) return false;
    if (trace.steps_version !== undefined) return trace.steps_version === 2;
    return !Array.isArray(steps[0].stack);
  }

  function sameTask(a, b) {
    return JSON.stringify(a || null) === JSON.stringify(b || null);
  }

  function holdsTimer(list, timer) {
    var key = values.refKey(timer);
    return key !== null && (list || []).some(function (t) { return values.refKey(t.timer) === key; });
  }

  /** Whether going from loop `before` to loop `after` starts a task or job: another task, or the same one again
      (an interval's next tick, a second job with the same callback), which left its queue. */
  function startsTask(before, after) {
    if (!before) return true;
    if (before === after) return false;
    var task = after.task || {};
    if (!sameTask(before.task, task) || before.now !== after.now) return true;
    if (task.kind === "microtask") return (after.microtasks || []).length < (before.microtasks || []).length;
    if (task.kind === "timeout" || task.kind === "interval") return holdsTimer(before.timers, task.timer) && !holdsTimer(after.timers, task.timer);
    if (task.kind === "immediate") return holdsTimer(before.immediates, task.timer) && !holdsTimer(after.immediates, task.timer);
    return false;
  }

  function Timeline(trace, options) {
    trace = trace || {};
    options = options || {};
    this.trace = trace;
    this.keyframeEvery = Math.max(1, options.keyframeEvery || DEFAULT_KEYFRAME_EVERY);
    this.limits = limitsOf(trace);
    this.checkpoints = Array.isArray(trace.checkpoints) ? trace.checkpoints : [];
    this.hasSteps = isV2Timeline(trace);
    this.olderTimeline = Array.isArray(trace.steps) && trace.steps.length > 0 && !this.hasSteps;
    if (this.hasSteps) this._indexSteps(trace.steps);
    else this._indexCheckpoints();
  }

  Timeline.prototype._indexSteps = function (steps) {
    this.entries = steps;
    this.length = steps.length;
    this.output = [];
    this.checkpointSteps = [];
    // Tasks: the step where each task or job begins ({step, task, now}), the script first; and the steps of the
    // loop's events (script_end, end).
    this.tasks = [];
    this.loopEvents = [];
    this.usesLoop = false;
    var loop = null;
    this.keyframes = [];
    this.keyframeSteps = [];
    var state = emptyState();
    var namer = new values.Namer();
    var seen = {};   // key -> its last description: names of the functions tasks run, without a replay
    this.seen = seen;
    var since = Infinity;
    for (var k = 0; k < steps.length; k++) {
      var entry = steps[k];
      applyEntry(state, entry, k);
      if (entry.out) for (var i = 0; i < entry.out.length; i++) this.output.push(entry.out[i]);
      if (entry.event === "checkpoint" && typeof entry.checkpoint === "number") this.checkpointSteps[entry.checkpoint] = k;
      if (k === 0 || startsTask(loop, state.loop)) this.tasks.push({ step: k, task: state.loop.task, now: state.loop.now });
      loop = state.loop;
      if (entry.event === "script_end" || entry.event === "end") this.loopEvents.push({ step: k, event: entry.event });
      if (!this.usesLoop && values.loopUsed(state.loop)) this.usesLoop = true;
      for (var key in entry.heap || {}) {
        namer.see(key, entry.heap[key]);
        seen[key] = entry.heap[key];
      }
      // A keyframe copies the whole heap: with a big heap, take them further apart (at most HEAP_PER_STEP
      // objects copied per step), so building stays linear; a jump then replays at most that many entries.
      since += 1;
      if (since >= Math.max(this.keyframeEvery, Math.ceil(state.heapSize / HEAP_PER_STEP))) {
        this.keyframes.push(copyState(state));
        this.keyframeSteps.push(k);
        since = 0;
      }
    }
    this.names = namer.names;
    this._cursor = null;
    this._cursorAt = -1;
  };

  /** The index of the last keyframe at or before step k. */
  Timeline.prototype._keyframeBefore = function (k) {
    var lo = 0;
    var hi = this.keyframeSteps.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.keyframeSteps[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  Timeline.prototype._indexCheckpoints = function () {
    this.entries = null;
    this.length = this.checkpoints.length;
    this.output = (this.trace.output || []).slice();
    this.checkpointSteps = this.checkpoints.map(function (_, i) { return i; });
    this.tasks = [];
    this.loopEvents = [];
    var self = this;
    this.usesLoop = this.checkpoints.some(function (cp) { return values.loopUsed(cp.loop); });
    this.checkpoints.forEach(function (cp, i) {
      var last = self.tasks[self.tasks.length - 1];
      if (cp.loop && (!last || startsTask(self.checkpoints[last.step].loop, cp.loop))) self.tasks.push({ step: i, task: cp.loop.task, now: cp.loop.now });
    });
    var namer = new values.Namer();
    this.seen = {};
    this.checkpoints.forEach(function (cp) {
      Object.keys(cp.heap || {}).forEach(function (key) {
        namer.see(key, cp.heap[key]);
        self.seen[key] = cp.heap[key];
      });
    });
    this.names = namer.names;
  };

  /** The full state after entries 0..k (read-only; see the top of this file). */
  Timeline.prototype.state = function (k) {
    if (!(k >= 0 && k < this.length)) throw new RangeError("no step " + k + " (the timeline has " + this.length + ")");
    k = Math.floor(k);
    if (!this.hasSteps) return stateFromCheckpoint(this.checkpoints[k], k);
    var base = this._keyframeBefore(k);
    var from = this.keyframeSteps[base];
    if (!(this._cursor && this._cursorAt <= k && this._cursorAt >= from)) {
      this._cursor = copyState(this.keyframes[base]);
      this._cursorAt = from;
    }
    for (var i = this._cursorAt + 1; i <= k; i++) applyEntry(this._cursor, this.entries[i], i);
    this._cursorAt = k;
    return this._cursor;
  };

  /** The lines printed up to and including step k. */
  Timeline.prototype.outputAt = function (k) {
    if (!this.hasSteps) {
      // Checkpoints alone do not say when each line was printed: show it all only at the last one.
      return k === this.length - 1 ? this.output.slice() : [];
    }
    return this.output.slice(0, this.state(k).outputLength);
  };

  /** The step of checkpoint i (its event entry), or null when the timeline does not reach it. */
  Timeline.prototype.stepOfCheckpoint = function (i) {
    var k = this.checkpointSteps[i];
    return k === undefined ? null : k;
  };

  /** The checkpoint at step k, or null. */
  Timeline.prototype.checkpointAt = function (k) {
    if (!this.hasSteps) return k;
    var entry = this.entries[k];
    return entry && entry.event === "checkpoint" ? entry.checkpoint : null;
  };

  /** The index in this.tasks of the task running at step k (-1 before the first). */
  Timeline.prototype.taskIndexAt = function (k) {
    var lo = 0;
    var hi = this.tasks.length - 1;
    if (hi < 0 || this.tasks[0].step > k) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.tasks[mid].step <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  /** Straight replay of entries 0..k from the empty state, without keyframes (the reference; slow). */
  function replayTo(steps, k) {
    var state = emptyState();
    for (var i = 0; i <= k; i++) applyEntry(state, steps[i], i);
    return state;
  }

  return {
    Timeline: Timeline,
    applyEntry: applyEntry,
    emptyState: emptyState,
    copyState: copyState,
    stateFromCheckpoint: stateFromCheckpoint,
    limitsOf: limitsOf,
    replayTo: replayTo,
    EMPTY_LOOP: EMPTY_LOOP,
    DEFAULT_KEYFRAME_EVERY: DEFAULT_KEYFRAME_EVERY,
  };
});
