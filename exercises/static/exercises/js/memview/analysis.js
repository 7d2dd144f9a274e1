/* memview/analysis.js: what the diagram says about a memory state, by the rules of docs/timeline.md
   ("Reachability at a step"): reachable and garbage objects (ephemerons and weak references included),
   reference counts, the objects reference counting would leak, and why an object is alive (the shortest
   path of references from a root).

   analyze(state) -> {reachable: {key: true}, garbage: [key] (sorted), refcounts: {key: n}, leaked: [key]
   (sorted), via: {key: {from, label}}, roots: [{depth, name, key, kind}]}
   pathTo(analysis, state, key, labels) -> null for garbage, else hops:
     [{kind: "frame", depth, function, name, text} or {kind: "loop", name, text}, {kind: "object", key, edge, text}, ...]
   The event loop's roots (state.loop, docs/event-loop.md) are also in the script frame's (depth 0) roots or
   variables, so they change nothing reachable or counted; a path from one names the loop (kind "loop", depth null).

   Browser: window.MemView.analysis. Node: require("./analysis.js"). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./values.js"));
  } else {
    root.MemView = root.MemView || {};
    root.MemView.analysis = factory(root.MemView.values);
  }
})(typeof self !== "undefined" ? self : this, function (values) {
  "use strict";

  /** The references a frame holds, in display order: its variables, its scope, its other roots. */
  function frameRefs(frame) {
    var refs = [];
    var locals = frame.locals || {};
    Object.keys(locals).forEach(function (name) {
      var key = values.refKey(locals[name]);
      if (key !== null) refs.push({ name: name, key: key, kind: "variable" });
    });
    if (typeof frame.scope === "string") refs.push({ name: "[[Scope]]", key: frame.scope, kind: "scope" });
    (frame.roots || []).forEach(function (key) {
      if (typeof key === "string") refs.push({ name: "[[Root]]", key: key, kind: "root" });
    });
    return refs;
  }

  /** Every root reference of a state, innermost frame first (so a path prefers the frame that is running); the
      event loop's just before the script frame's own roots (the loop's are among them). */
  function rootRefs(state) {
    var roots = [];
    for (var depth = state.stack.length - 1; depth >= 0; depth--) {
      var refs = frameRefs(state.stack[depth]);
      if (depth === 0) {
        var own = refs.filter(function (ref) { return ref.kind !== "root"; });
        roots = roots.concat(own.map(function (ref) { return { depth: 0, name: ref.name, key: ref.key, kind: ref.kind }; }));
        values.loopRefs(state.loop).forEach(function (ref) {
          if (ref.key !== null) roots.push({ depth: null, name: ref.name, key: ref.key, kind: "loop", what: ref.what });
        });
        refs = refs.filter(function (ref) { return ref.kind === "root"; });
      }
      refs.forEach(function (ref) {
        roots.push({ depth: depth, name: ref.name, key: ref.key, kind: ref.kind });
      });
    }
    return roots;
  }

  /** Breadth-first mark from the roots; a weakmap value is traced once its key is marked (ephemerons). */
  function mark(state) {
    var heap = state.heap;
    var reachable = {};
    var via = {};
    var queue = [];
    var pending = {};   // key of an ephemeron's key -> [{from, label, value}]
    function reach(key, from) {
      if (key === null || reachable[key] || !(key in heap)) return;
      reachable[key] = true;
      via[key] = from;
      queue.push(key);
      var waiting = pending[key];
      if (waiting) {
        delete pending[key];
        waiting.forEach(function (w) { reach(w.value, { from: w.from, label: w.label }); });
      }
    }
    var roots = rootRefs(state);
    roots.forEach(function (ref) { reach(ref.key, { root: ref }); });
    for (var i = 0; i < queue.length; i++) {
      var from = queue[i];
      values.objectEdges(heap[from]).forEach(function (edge) {
        if (edge.ephemeronKey !== null) {
          if (edge.ephemeronKey === "?" || edge.key === null) return;
          if (reachable[edge.ephemeronKey]) reach(edge.key, { from: from, label: edge.label });
          else (pending[edge.ephemeronKey] = pending[edge.ephemeronKey] || []).push({ from: from, label: edge.label, value: edge.key });
          return;
        }
        if (!edge.weak) reach(edge.key, { from: from, label: edge.label });
      });
    }
    return { reachable: reachable, via: via, roots: roots };
  }

  /** References to each object from frames and from heap objects (strong edges, each occurrence counted). */
  function refcounts(state) {
    var counts = {};
    var heap = state.heap;
    Object.keys(heap).forEach(function (key) { counts[key] = 0; });
    state.stack.forEach(function (frame) {
      frameRefs(frame).forEach(function (ref) { if (ref.key in counts) counts[ref.key] += 1; });
    });
    Object.keys(heap).forEach(function (key) {
      values.objectEdges(heap[key]).forEach(function (edge) {
        if (!edge.weak && edge.ephemeronKey === null && edge.key !== null && edge.key in counts) counts[edge.key] += 1;
      });
    });
    return counts;
  }

  /** The garbage a reference-counting collector can never free: free count-0 garbage repeatedly; the rest leaks. */
  function leaked(state, garbage, counts) {
    var left = {};
    garbage.forEach(function (key) { left[key] = counts[key]; });
    var queue = garbage.filter(function (key) { return left[key] === 0; });
    var freed = {};
    while (queue.length) {
      var key = queue.pop();
      if (freed[key]) continue;
      freed[key] = true;
      values.objectEdges(state.heap[key]).forEach(function (edge) {
        if (edge.weak || edge.ephemeronKey !== null || edge.key === null || !(edge.key in left) || freed[edge.key]) return;
        left[edge.key] -= 1;
        if (left[edge.key] === 0) queue.push(edge.key);
      });
    }
    return garbage.filter(function (key) { return !freed[key]; });
  }

  function sortKeys(keys) {
    return keys.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
  }

  function analyze(state) {
    var marked = mark(state);
    var garbage = sortKeys(Object.keys(state.heap).filter(function (key) { return !marked.reachable[key]; }));
    var counts = refcounts(state);
    return {
      reachable: marked.reachable,
      via: marked.via,
      roots: marked.roots,
      garbage: garbage,
      refcounts: counts,
      leaked: sortKeys(leaked(state, garbage, counts)),
    };
  }

  /** Why `key` is alive: the hops of the shortest path from a root, or null when it is garbage. */
  function pathTo(analysis, state, key, labels) {
    if (!analysis.reachable[key]) return null;
    var hops = [];
    var at = key;
    var out = null;   // the edge by which `at` leads to the hop after it
    for (var guard = 0; guard <= state.stack.length + Object.keys(state.heap).length; guard++) {
      hops.unshift({ kind: "object", key: at, edge: out, text: values.displayName(at, labels) + (out ? " " + out : "") });
      var step = analysis.via[at];
      if (step.root && step.root.kind === "loop") {
        hops.unshift({ kind: "loop", name: step.root.name, text: "the event loop · " + step.root.what });
        break;
      }
      if (step.root) {
        var root = step.root;
        var frame = state.stack[root.depth];
        var what = root.kind === "variable" ? "variable " + root.name :
          root.kind === "scope" ? "its scope" : "what it keeps alive (its function, this, arguments)";
        hops.unshift({
          kind: "frame", depth: root.depth, "function": frame["function"], name: root.name,
          text: (root.depth === 0 && state.loop && state.loop.script_done ? "globals of the finished script" :
            "frame \"" + frame["function"] + "\"") + " · " + what,
        });
        break;
      }
      out = step.label;
      at = step.from;
    }
    return hops;
  }

  return {
    analyze: analyze,
    pathTo: pathTo,
    rootRefs: rootRefs,
    frameRefs: frameRefs,
    refcounts: refcounts,
  };
});
