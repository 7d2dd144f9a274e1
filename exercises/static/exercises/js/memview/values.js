/* memview/values.js: values and references of the engine trace (shared/contracts/engine-trace.md).

   A value is a JSON primitive, {"undefined": true}, {"uninitialized": true}, {"number": "NaN"}, {"symbol": ...},
   or a reference: {"site": "3:15#1"} or {"ref": "@17"} ({"site": null} is an object the trace cannot name).
   A property holding an accessor is {"getter": ref|null, "setter": ref|null}.
   The event loop of a trace (docs/event-loop.md): loopRefs (what it holds), taskText (what runs), functionName.

   Browser: window.MemView.values. Node: require("./values.js"). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.MemView = root.MemView || {};
    root.MemView.values = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** The heap key a value refers to, or null when the value is not a reference to a known object. */
  function refKey(value) {
    if (!isPlainObject(value)) return null;
    if (typeof value.site === "string") return value.site;
    if (typeof value.ref === "string") return value.ref;
    if (typeof value.object === "string") return value.object;   // a server-labelled reference
    return null;
  }

  /** Whether a value is a reference at all (even one to an object without a name, {"site": null}). */
  function isRef(value) {
    return isPlainObject(value) && ("site" in value || "ref" in value || "object" in value);
  }

  function isAccessor(value) {
    return isPlainObject(value) && ("getter" in value || "setter" in value);
  }

  /** Text for a primitive, as JavaScript would print it in a debugger. */
  function formatPrimitive(value) {
    if (value === null) return "null";
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (isPlainObject(value)) {
      if (value.undefined) return "undefined";
      if (value.uninitialized) return "uninitialized";
      if ("number" in value) return String(value.number);
      if ("bigint" in value) return String(value.bigint) + "n";
      if ("symbol" in value) return "Symbol(" + (value.symbol || "") + ")";
    }
    return JSON.stringify(value);
  }

  /**
   * Every outgoing edge of a heap object, in display order: {label, key, weak, ephemeronKey}.
   * Strong edges: props (getters and setters too), items, map/set entries, scope, parent, proto, bound target,
   * internal (hidden links the engine reports: a method's home object, what an Error's unread stack keeps).
   * Weak edges: weakset entries, a weakref's target; a weakmap entry's value is an ephemeron (live while its key is).
   * `key` is null for a reference to an object the trace cannot name.
   */
  // Descriptions are never changed in place (the timeline replaces them), so their edges can be remembered.
  var edgeCache = typeof WeakMap === "function" ? new WeakMap() : null;

  function objectEdges(obj) {
    if (!isPlainObject(obj)) return [];
    var cached = edgeCache && edgeCache.get(obj);
    if (cached) return cached;
    var edges = computeEdges(obj);
    if (edgeCache) edgeCache.set(obj, edges);
    return edges;
  }

  function computeEdges(obj) {
    var edges = [];
    var type = obj.type;
    function add(label, value, weak, ephemeronKey) {
      if (!isRef(value)) return;
      edges.push({ label: label, key: refKey(value), weak: !!weak, ephemeronKey: ephemeronKey || null });
    }
    if (Array.isArray(obj.items)) {
      for (var i = 0; i < obj.items.length; i++) add("[" + i + "]", obj.items[i]);
    }
    if (Array.isArray(obj.entries)) {
      obj.entries.forEach(function (entry, index) {
        if (type === "map" || type === "weakmap" || (Array.isArray(entry) && entry.length === 2 && type !== "set" && type !== "weakset")) {
          if (!Array.isArray(entry)) return;
          var keyKey = refKey(entry[0]);
          var keyText = isRef(entry[0]) ? null : formatPrimitive(entry[0]);
          if (type === "weakmap") {
            add("key " + index, entry[0], true);
            add(keyText !== null ? "get(" + keyText + ")" : "value " + index, entry[1], true, keyKey || "?");
          } else {
            add("key " + index, entry[0]);
            add(keyText !== null ? "get(" + keyText + ")" : "value " + index, entry[1]);
          }
        } else {
          add("entry " + index, entry, type === "weakset");
        }
      });
    }
    if (isPlainObject(obj.props)) {
      Object.keys(obj.props).forEach(function (name) {
        var value = obj.props[name];
        if (isAccessor(value)) {
          add("get " + name, value.getter);
          add("set " + name, value.setter);
        } else {
          add("." + name, value);
        }
      });
    }
    add("[[Scope]]", obj.scope);
    add("[[Parent]]", obj.parent);
    add("[[Prototype]]", obj.proto);
    add("[[Target]]", obj.target, type === "weakref");
    // Links the language keeps but does not show (a method's home object, the frames an Error captured). A
    // promise, a generator or async activation and a timer say what each is (their fields name the same objects).
    var named = internalNames(obj);
    if (Array.isArray(obj.internal)) obj.internal.forEach(function (value) { add(named[refKey(value)] || "[[Internal]]", value); });
    return edges;
  }

  /** Heap key -> what a promise, generator, async activation or timer holds it as ("callback", "variable x"). */
  function internalNames(obj) {
    var names = {};
    function name(label, value) {
      var key = refKey(value);
      if (key !== null && !names[key]) names[key] = label;
    }
    fieldRows(obj).forEach(function (f) { name(f.label, f.value); });
    return names;
  }

  /**
   * The fields of a promise, a generator or async activation, or a timer, in display order: [{label, value}]
   * (value a trace value; text-only fields are strings). Other objects have none.
   */
  function fieldRows(obj) {
    var rows = [];
    if (!isPlainObject(obj)) return rows;
    function add(label, value) {
      if (value !== undefined) rows.push({ label: label, value: value });
    }
    if (obj.type === "promise") {
      add("state", obj.state);
      if (obj.state !== "pending") add(obj.state === "rejected" ? "reason" : "value", obj.value);
      (obj.reactions || []).forEach(function (r, i) {
        var n = (obj.reactions.length > 1 ? " " + (i + 1) : "");
        if (r.on_fulfilled) add("on fulfilled" + n, r.on_fulfilled);
        if (r.on_rejected) add("on rejected" + n, r.on_rejected);
        if (r.promise) add("then promise" + n, r.promise);
      });
    } else if (obj.type === "generator") {
      add("state", stateText(obj) + (obj.line ? " at line " + obj.line : ""));
      add("function", obj["function"]);
      Object.keys(obj.locals || {}).forEach(function (n) { add("variable " + n, obj.locals[n]); });
      if (obj.awaiting) add("awaiting", obj.awaiting);
      if (obj.promise) add("promise", obj.promise);
    } else if (obj.type === "timer") {
      add("state", obj.state);
      if (obj.due !== undefined) add("due", obj.due + " ms");
      if (obj.repeat !== null && obj.repeat !== undefined) add("repeat", "every " + obj.repeat + " ms");
      add("callback", obj.callback === null ? "null (cleared)" : obj.callback);
      (obj.args || []).forEach(function (a, i) { add("argument " + i, a); });
    }
    return rows;
  }

  /** A function's name for a sentence: its own name, else the async function an engine-made resume closure
      belongs to, else its display name ("2:12#1"). */
  function functionName(value, heap, labels) {
    var key = refKey(value);
    if (key === null) return isRef(value) ? "a built-in function" : formatPrimitive(value);
    var obj = heap && heap[key];
    if (obj && obj.name) return String(obj.name);
    if (obj && obj.props && typeof obj.props.name === "string" && obj.props.name) return obj.props.name;
    var owner = obj && (obj.internal || []).map(refKey).filter(function (k) { return k !== null && heap[k] && heap[k].type === "generator"; })[0];
    if (owner && heap[owner].name) return (heap[owner].kind === "async" ? "async " : "generator ") + heap[owner].name;
    return displayName(key, labels);
  }

  /** What runs for a task of the loop: "the script", "timeout → tick", "then callback → 5:25#1". */
  function taskText(task, heap, labels) {
    task = task || { kind: "script" };
    if (task.kind === "script") return "the script";
    if (task.kind === "idle") return "nothing: between tasks";
    if (task.kind === "done") return "nothing: the event loop is empty";
    var what = task.kind === "microtask" ? (task.label || task.job || "job") : task.kind;
    return task.callback ? what + " → " + functionName(task.callback, heap, labels) : what;
  }

  /** Whether a loop is more than the empty one of a program that never used it (nothing queued, nothing after
      the script). */
  function loopUsed(loop) {
    return isPlainObject(loop) && !!(loop.script_done || loop.now || (loop.timers || []).length ||
      (loop.immediates || []).length || (loop.microtasks || []).length || (loop.task && loop.task.kind !== "script"));
  }

  /**
   * The references the event loop holds (its roots, docs/event-loop.md memory rule 1), in display order:
   * [{name, key, value, what}]: the running job's callback ("task.callback"), each pending timer
   * ("timers.0") and immediate ("immediates.0") object, each queued job's callback, argument and promise
   * ("microtasks.0.callback", ".argument", ".promise"). `key` is null for an object the trace cannot name.
   */
  function loopRefs(loop) {
    var refs = [];
    if (!isPlainObject(loop)) return refs;
    function add(name, value, what) {
      if (isRef(value)) refs.push({ name: name, key: refKey(value), value: value, what: what });
    }
    var task = loop.task || {};
    if (task.kind === "microtask") add("task.callback", task.callback, "the running job's callback");
    (loop.timers || []).forEach(function (t, i) {
      add("timers." + i, t.timer, "timer " + (i + 1) + " (" + t.kind + ", due at " + t.due + " ms)");
    });
    (loop.immediates || []).forEach(function (t, i) { add("immediates." + i, t.timer, "immediate " + (i + 1)); });
    (loop.microtasks || []).forEach(function (job, i) {
      var what = "microtask " + (i + 1) + " (" + (job.label || job.job) + ")";
      add("microtasks." + i + ".callback", job.callback, what + ", its callback");
      add("microtasks." + i + ".argument", job.argument, what + ", its argument");
      add("microtasks." + i + ".promise", job.promise, what + ", the promise it settles");
    });
    return refs;
  }

  /** A short kind text: "Node", "array", "function makeCounter", "closure scope". */
  function kindText(obj) {
    if (!isPlainObject(obj)) return "object";
    var type = obj.type || "object";
    if (type === "function" && obj.role) return "built-in · " + obj.role;
    if (type === "function" || type === "class") return obj.name ? type + " " + obj.name : type;
    if (type === "scope") return obj["class"] === "Script" ? "script scope" : "closure scope";
    if (type === "generator") {
      var kind = { async: "async function ", asyncgen: "async generator " }[obj.kind] || "generator ";
      return kind + (obj.name || "") + (obj.state ? " · " + stateText(obj) : "");
    }
    if (type === "promise") return "Promise · " + (obj.state || "pending");
    if (type === "timer") return (obj["class"] || "Timeout") + " · " + (obj.state || "pending");
    if (obj["class"] && obj["class"] !== "Object" && obj["class"] !== "Array" && obj["class"] !== "Function") {
      return obj["class"];
    }
    return type;
  }

  /** A generator's or async activation's state in words ("awaiting", "suspended", "running", "finished"). */
  function stateText(obj) {
    if (obj.state === "suspendedYield") return obj.kind === "async" || obj.awaiting ? "awaiting" : "suspended";
    return { suspendedStart: "not started", executing: "running", completed: "finished",
             "awaiting-return": "finishing" }[obj.state] || String(obj.state);
  }

  /** The name shown for a heap key: its label when the page gave one, else the key itself. */
  function displayName(key, labels) {
    if (labels && Object.prototype.hasOwnProperty.call(labels, key)) return String(labels[key]);
    return String(key);
  }

  /**
   * Names for objects without a site ("@17" -> "scope 1", "array 2", "Map 1", "promise 1", "activation 1" (an
   * async function's), "generator 1", "Timeout 1"), numbered per kind in the order
   * `namer.see(key, obj)` first meets them, so a name stays the same at every step of a run.
   */
  function Namer() {
    this.names = {};
    this.counts = {};
  }

  Namer.prototype.see = function (key, obj) {
    if (key.charAt(0) !== "@" || this.names[key]) return;
    var type = (obj && obj.type) || "object";
    if (type === "scope" && obj["class"] === "Script") {
      this.names[key] = "script scope";
      return;
    }
    var kind = type === "object" ? (obj && obj["class"] && obj["class"] !== "Object" ? obj["class"] : "object") :
      type === "generator" ? (obj.kind === "async" ? "activation" : "generator") :
      type === "timer" ? (obj["class"] || "Timeout") : type;
    this.counts[kind] = (this.counts[kind] || 0) + 1;
    this.names[key] = kind + " " + this.counts[kind];
  };

  return {
    Namer: Namer,
    isPlainObject: isPlainObject,
    refKey: refKey,
    isRef: isRef,
    isAccessor: isAccessor,
    formatPrimitive: formatPrimitive,
    objectEdges: objectEdges,
    kindText: kindText,
    fieldRows: fieldRows,
    stateText: stateText,
    functionName: functionName,
    taskText: taskText,
    loopRefs: loopRefs,
    loopUsed: loopUsed,
    displayName: displayName,
  };
});
