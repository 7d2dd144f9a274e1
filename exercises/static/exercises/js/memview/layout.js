/* memview/layout.js: a pure function from a memory state (and its analysis) to positioned boxes and arrows.

   layout(state, analysis, {labels, marks, maxColumns, showScriptScope, showLoop}) -> {
     width, height,
     frames:  [{depth, x, y, w, h, title, subtitle, rows, current, mark, globals}]   innermost on top,
     loop:    [{kind: "task"|"timers"|"immediates"|"microtasks", x, y, w, h, title, subtitle, rows, running}]
              the event loop (docs/event-loop.md) under the stack, when state.loop is used (or showLoop is true),
     objects: [{key, name, kind, type, x, y, w, h, rows, garbage, freed, leaked, refcount, mark, column}],
     arrows:  [{from, to, label, x1, y1, x2, y2, d, fromGarbage, weak}],
     regions: [{kind: "garbage", label, x, y, w, h}]   the band of garbage and freed objects, under the reachable ones
     notes:   [{kind, text}]   (marks that name nothing drawn, objects left out)
   }
   A row is {label, text, ref (heap key or null), y}. `from` of an arrow is a heap key, frame:DEPTH:NAME, or
   loop:NAME (NAME as values.loopRefs names it: "timers.0", "microtasks.1.callback"; a timer's callback row
   "timers.0.callback", the running task's "task.callback" and "task.timer").
   After the script the finished script frame (depth 0) is drawn as "globals"; the loop's roots, which the engine
   lists among that frame's roots, are drawn from the loop's boxes instead.
   The call stack is the left column (the event loop under it), the reachable heap the columns to its right by
   distance from the stack, and
   garbage and freed objects a labelled band under them. Boxes never overlap; the same input always gives the same output. Sizes assume the 12px
   monospace font of memview.css (CHAR_W px a character).

   Browser: window.MemView.layout. Node: require("./layout.js"). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./values.js"));
  } else {
    root.MemView = root.MemView || {};
    root.MemView.layout = factory(root.MemView.values);
  }
})(typeof self !== "undefined" ? self : this, function (values) {
  "use strict";

  var G = {
    CHAR_W: 7.3, ROW_H: 20, HEAD_H: 40, PAD: 8, MARGIN: 12, BOX_GAP: 16, COL_GAP: 56, STACK_GAP: 80,
    MIN_W: 120, MAX_W: 300, REGION_HEAD: 26, MIN_BAND_W: 560, BAND_GAP: 40, MAX_ROWS: 24, MAX_FRAMES: 60, MAX_OBJECTS: 120, MIN_COLUMN_H: 640,
  };

  function clip(text, chars) {
    text = String(text);
    return text.length > chars ? text.slice(0, Math.max(1, chars - 1)) + "…" : text;
  }

  function valueRow(label, value, labels, drawn) {
    var key = values.refKey(value);
    if (values.isAccessor(value)) {
      return { label: label, text: "get/set", ref: null };
    }
    if (values.isRef(value)) {
      if (key !== null && drawn[key]) return { label: label, text: "→ " + values.displayName(key, labels), ref: key };
      // A key the heap does not hold is a built-in object (Math.max): it has no box.
      var known = key !== null && drawn[key] !== undefined;
      return { label: label, text: known ? "→ " + values.displayName(key, labels) : "built-in object", ref: null };
    }
    return { label: label, text: values.formatPrimitive(value), ref: null };
  }

  /** Rows of a heap object, one per property, item, entry or internal link; a promise, generator or async
      activation, or timer first shows its fields (state, value, reactions, locals, awaited promise, callback). */
  function objectRows(obj, labels, drawn) {
    var rows = [];
    var shown = {};   // keys a field row already points to: no [[Internal]] row repeats them
    values.fieldRows(obj).forEach(function (f) {
      var row = typeof f.value === "string" && f.label !== "value" && f.label !== "reason" && !/^(variable|argument) /.test(f.label) ?
        { label: f.label, text: f.value, ref: null } : valueRow(f.label, f.value, labels, drawn);
      if (/^variable /.test(f.label)) row.label = f.label.slice(9);   // a suspended frame's variable, by its name
      var key = values.refKey(f.value);
      if (key !== null) shown[key] = true;
      rows.push(row);
    });
    (obj.items || []).forEach(function (item, i) { rows.push(valueRow(String(i), item, labels, drawn)); });
    var pairs = obj.type === "map" || obj.type === "weakmap";
    var weakEntries = obj.type === "weakmap" || obj.type === "weakset";
    var first = rows.length;
    (obj.entries || []).forEach(function (entry, i) {
      if (pairs && Array.isArray(entry)) {
        var keyText = values.isRef(entry[0]) ? (values.refKey(entry[0]) !== null ? values.displayName(values.refKey(entry[0]), labels) : "object") : values.formatPrimitive(entry[0]);
        if (values.isRef(entry[0])) rows.push(valueRow("key " + i, entry[0], labels, drawn));
        rows.push(valueRow(clip(keyText, 14) + " ⇒", entry[1], labels, drawn));
      } else {
        rows.push(valueRow("•", entry, labels, drawn));
      }
    });
    if (weakEntries) for (var w = first; w < rows.length; w++) rows[w].weak = true;
    Object.keys(obj.props || {}).forEach(function (name) {
      var value = obj.props[name];
      if (values.isAccessor(value)) {
        if (value.getter) rows.push(valueRow("get " + name, value.getter, labels, drawn));
        if (value.setter) rows.push(valueRow("set " + name, value.setter, labels, drawn));
      } else {
        rows.push(valueRow(name, value, labels, drawn));
      }
    });
    [["scope", "[[Scope]]"], ["parent", "[[Parent]]"], ["target", "[[Target]]"]].forEach(function (f) {
      if (!values.isRef(obj[f[0]])) return;
      var row = valueRow(f[1], obj[f[0]], labels, drawn);
      if (f[0] === "target" && obj.type === "weakref") row.weak = true;
      rows.push(row);
    });
    var proto = values.refKey(obj.proto);
    if (proto !== null && drawn[proto]) rows.push(valueRow("[[Prototype]]", obj.proto, labels, drawn));
    (Array.isArray(obj.internal) ? obj.internal : []).forEach(function (value) {
      if (values.isRef(value) && !shown[values.refKey(value)]) rows.push(valueRow("[[Internal]]", value, labels, drawn));
    });
    return rows;
  }

  /** Text broken into rows of at most `chars` characters, at spaces where it can. */
  function wrap(text, chars) {
    var rows = [];
    var line = "";
    String(text).split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > chars) {
        rows.push(line);
        line = "";
      }
      line = line ? line + " " + word : word;
    });
    if (line) rows.push(line);
    return rows.map(function (r) { return { label: r, text: "", ref: null }; });
  }

  function isScriptScope(obj) {
    return obj && obj.type === "scope" && obj["class"] === "Script";
  }

  function boxWidth(title, rows) {
    var chars = title.length;
    rows.forEach(function (row) { chars = Math.max(chars, row.label.length + (row.ref ? 2 : row.text.length) + 2); });
    return Math.round(Math.max(G.MIN_W, Math.min(G.MAX_W, chars * G.CHAR_W + 2 * G.PAD)));
  }

  /** Clip rows to MAX_ROWS and give each its y; returns the box height. */
  function placeRows(box, rows) {
    var shown = rows.slice(0, G.MAX_ROWS).map(function (row) { return Object.assign({}, row); });
    if (rows.length > G.MAX_ROWS) shown.push({ label: "…", text: (rows.length - G.MAX_ROWS) + " more", ref: null, more: true });
    var maxChars = Math.floor((box.w - 2 * G.PAD) / G.CHAR_W);
    shown.forEach(function (row, i) {
      row.y = box.y + G.HEAD_H + i * G.ROW_H;
      var valueChars = row.ref ? 2 : Math.min(row.text.length, Math.floor(maxChars / 2));
      row.label = clip(row.label, Math.max(4, maxChars - valueChars - 1));
      row.text = clip(row.text, Math.max(4, maxChars - row.label.length - 1));
    });
    box.rows = shown;
    box.h = G.HEAD_H + Math.max(1, shown.length) * G.ROW_H + G.PAD / 2;
  }

  /** Whether frame 0 is the finished script frame (the event loop runs after the script). */
  function scriptDone(state) {
    return !!(state.loop && state.loop.script_done) || !!state.globalsFromCheckpoint;
  }

  function frameBoxes(state, labels, drawn, marks, notes, options) {
    var loopKeys = options.loopKeys || {};
    var done = scriptDone(state);
    var pending = [];   // [box, rows]: sized first, then stacked top to bottom
    var n = state.stack.length;
    // Frames an answer listed that are not on the stack: ghost boxes above the innermost frame, marked.
    Object.keys(marks.frames || {}).map(Number).filter(function (d) { return d >= n; })
      .sort(function (a, b) { return b - a; }).forEach(function (depth) {
        var mark = marks.frames[depth];
        pending.push([{ depth: depth, x: G.MARGIN, title: "not on the stack", subtitle: "", ghost: true, mark: mark,
          "function": null, line: null, current: false, w: G.MIN_W }, null]);
      });
    var lowest = Math.max(0, n - G.MAX_FRAMES);
    for (var depth = n - 1; depth >= lowest; depth--) {
      var frame = state.stack[depth];
      var locals = frame.locals || {};
      var rows = Object.keys(locals).map(function (name) {
        var row = valueRow(name, locals[name], labels, drawn);
        row.name = name;
        row.mark = marks.variables && marks.variables[depth + "." + name] || null;
        return row;
      });
      if (typeof frame.scope === "string" && drawn[frame.scope]) {
        rows.push({ label: "[[Scope]]", name: "[[Scope]]", text: "→ " + values.displayName(frame.scope, labels), ref: frame.scope });
      }
      (frame.roots || []).forEach(function (key) {
        if (key === frame.scope || !drawn[key] || (depth === 0 && loopKeys[key])) return;
        rows.push({ label: "[[Root]]", name: "[[Root]]", text: "→ " + values.displayName(key, labels), ref: key });
      });
      var scopeText = typeof frame.scope !== "string" ? "no closure scope" :
        isScriptScope(state.heap[frame.scope]) ? "script scope" : "scope " + values.displayName(frame.scope, labels);
      var globals = depth === 0 && done;
      var title = globals ? "globals · script finished" : frame["function"] + (frame.line ? " · line " + frame.line : "");
      if (globals) scopeText = "off the stack; its variables live on";
      var idle = state.loop && state.loop.task && /^(idle|done)$/.test(state.loop.task.kind);
      var box = {
        depth: depth, x: G.MARGIN, title: title, subtitle: scopeText, "function": frame["function"], line: frame.line,
        current: depth === n - 1 && !(globals && idle), globals: globals, mark: marks.frames && marks.frames[depth] || null,
      };
      box.w = Math.max(boxWidth(title, rows), Math.min(G.MAX_W, scopeText.length * G.CHAR_W + 2 * G.PAD));
      pending.push([box, rows]);
    }
    if (lowest > 0) notes.push({ kind: "frames", text: lowest + " outer frames are not drawn; the table lists them all." });
    var width = pending.reduce(function (w, p) { return Math.max(w, p[0].w); }, options.minWidth || G.MIN_W);
    var y = G.MARGIN;
    var frames = pending.map(function (p) {
      var b = p[0];
      b.w = width;
      b.y = y;
      placeRows(b, p[1] || wrap(b.mark.note || "an extra frame", Math.floor((width - 2 * G.PAD) / G.CHAR_W) - 1));
      y += b.h + G.BOX_GAP;
      return b;
    });
    return { frames: frames, width: width, height: y };
  }

  /** Whether to draw the event loop: the state has one that the program used (or the caller asks). */
  function showsLoop(state, options) {
    if (!state.loop) return false;
    return options.showLoop === undefined ? values.loopUsed(state.loop) : !!options.showLoop;
  }

  function refRow(label, name, value, labels, drawn) {
    var row = valueRow(label, value, labels, drawn);
    row.name = name;
    return row;
  }

  /** The event loop's boxes, sized but not placed: [box, rows] for the running task, the timers in firing order,
      the immediates (when there are any) and the microtask queue. */
  function loopBoxes(state, labels, drawn) {
    var loop = state.loop;
    // What a task frame above the script already points to gets no second arrow from the running task's box.
    var framed = {};
    state.stack.forEach(function (frame, depth) {
      if (depth > 0) (frame.roots || []).concat(Object.keys(frame.locals || {}).map(function (n) { return values.refKey(frame.locals[n]); }))
        .forEach(function (key) { if (key !== null) framed[key] = true; });
    });
    function taskRow(label, name, value) {
      var row = refRow(label, name, value, labels, drawn);
      if (row.ref && framed[row.ref]) row.ref = null;   // its text still names it
      return row;
    }
    var task = loop.task || { kind: "script" };
    var heap = state.heap;
    var pending = [];
    function box(kind, title, subtitle, rows, extra) {
      if (!rows.length) rows = [{ label: "(none)", text: "", ref: null, name: kind + ".none" }];
      var b = Object.assign({ kind: kind, x: G.MARGIN, title: title, subtitle: subtitle }, extra || {});
      b.w = Math.max(boxWidth(title, rows), Math.min(G.MAX_W, subtitle.length * G.CHAR_W + 2 * G.PAD));
      pending.push([b, rows]);
    }
    var taskRows = [];
    if (task.callback) taskRows.push(taskRow("callback", "task.callback", task.callback));
    if (task.timer) taskRows.push(taskRow(task.kind === "immediate" ? "Immediate" : "Timeout", "task.timer", task.timer));
    if (!taskRows.length) taskRows.push({ label: "running", text: task.kind === "script" ? "the script" : task.kind, ref: null, name: "task.kind" });
    var running = task.kind !== "script" && task.kind !== "idle" && task.kind !== "done";
    box("task", "Event loop · now " + loop.now + " ms", "running: " + values.taskText(task, heap, labels), taskRows, { running: running, task: task });
    var timerRows = [];
    (loop.timers || []).forEach(function (t, i) {
      var when = (i + 1) + ". " + t.kind + " at " + t.due + " ms" + (t.repeat !== null && t.repeat !== undefined ? ", every " + t.repeat : "");
      timerRows.push(refRow(when, "timers." + i, t.timer, labels, drawn));
      timerRows.push(refRow("↳ callback", "timers." + i + ".callback", t.callback, labels, drawn));
      (t.args || []).forEach(function (a, j) { timerRows.push(refRow("↳ argument " + j, "timers." + i + ".args." + j, a, labels, drawn)); });
    });
    var n = (loop.timers || []).length;
    box("timers", "Timers", n ? n + " pending, in firing order" : "none pending", timerRows);
    if ((loop.immediates || []).length) {
      var immRows = [];
      loop.immediates.forEach(function (t, i) {
        immRows.push(refRow((i + 1) + ". immediate", "immediates." + i, t.timer, labels, drawn));
        immRows.push(refRow("↳ callback", "immediates." + i + ".callback", t.callback, labels, drawn));
        (t.args || []).forEach(function (a, j) { immRows.push(refRow("↳ argument " + j, "immediates." + i + ".args." + j, a, labels, drawn)); });
      });
      box("immediates", "Immediates", loop.immediates.length + " queued (check phase)", immRows);
    }
    var jobRows = [];
    (loop.microtasks || []).forEach(function (job, i) {
      var name = "microtasks." + i;
      jobRows.push(job.callback ? refRow((i + 1) + ". " + (job.label || job.job), name + ".callback", job.callback, labels, drawn) :
        { label: (i + 1) + ". " + (job.label || job.job), text: "", ref: null, name: name + ".callback" });
      if (job.argument !== undefined) jobRows.push(refRow("↳ argument", name + ".argument", job.argument, labels, drawn));
      if (job.promise) jobRows.push(refRow("↳ promise", name + ".promise", job.promise, labels, drawn));
    });
    var m = (loop.microtasks || []).length;
    box("microtasks", "Microtasks", m ? m + " queued, first runs next" : "queue empty", jobRows);
    return pending;
  }

  /** Heap keys in the order they are met going breadth-first from the stack (innermost frame first), then from
      the event loop's boxes. */
  function columnsByDistance(state, analysis, drawn, loopRows) {
    var depthOf = {};
    var order = [];
    function visit(key, d) {
      if (key === null || !drawn[key] || key in depthOf) return;
      depthOf[key] = d;
      order.push(key);
    }
    for (var depth = state.stack.length - 1; depth >= 0; depth--) {
      var frame = state.stack[depth];
      Object.keys(frame.locals || {}).forEach(function (name) { visit(values.refKey(frame.locals[name]), 0); });
      if (typeof frame.scope === "string") visit(frame.scope, 0);
      (frame.roots || []).forEach(function (key) { visit(key, 0); });
    }
    (loopRows || []).forEach(function (row) { if (row.ref) visit(row.ref, 0); });
    for (var i = 0; i < order.length; i++) {
      var obj = state.heap[order[i]];
      values.objectEdges(obj).forEach(function (edge) {
        if (!edge.weak && edge.ephemeronKey === null && analysis.reachable[edge.key]) visit(edge.key, depthOf[order[i]] + 1);
      });
    }
    return { depthOf: depthOf, order: order };
  }

  function layout(state, analysis, options) {
    options = options || {};
    var labels = options.labels || {};
    var marks = options.marks || {};
    var maxColumns = Math.max(1, options.maxColumns || 4);
    var notes = [];
    var heap = state.heap;
    var freedNow = state.freedNow || {};
    var garbageSet = {};
    (analysis.garbage || []).forEach(function (k) { garbageSet[k] = true; });
    var leakedSet = {};
    (analysis.leaked || []).forEach(function (k) { leakedSet[k] = true; });

    // What to draw: every heap object (the script scope only on request: the <global> frame shows its bindings)
    // and the objects a gc() freed at this step.
    var drawn = {};
    var keys = Object.keys(heap).filter(function (k) { return options.showScriptScope || !isScriptScope(heap[k]); });
    keys = keys.concat(Object.keys(freedNow).filter(function (k) { return !(k in heap); }));
    if (keys.length > G.MAX_OBJECTS) {
      notes.push({ kind: "objects", text: (keys.length - G.MAX_OBJECTS) + " more objects are not drawn (the garbage ones first)." });
    }
    Object.keys(heap).forEach(function (k) { drawn[k] = false; });   // known; false: no box (the script scope)
    keys.forEach(function (k) { drawn[k] = true; });

    // The event loop's boxes are sized first: the left column is as wide as the widest frame or loop box.
    var loopPending = showsLoop(state, options) ? loopBoxes(state, labels, drawn) : [];
    var loopKeys = {};
    values.loopRefs(state.loop).forEach(function (ref) { if (ref.key !== null) loopKeys[ref.key] = true; });
    var stack = frameBoxes(state, labels, drawn, marks, notes, {
      loopKeys: loopPending.length ? loopKeys : {},
      minWidth: loopPending.reduce(function (w, p) { return Math.max(w, p[0].w); }, G.MIN_W),
    });
    var loopY = stack.height + (loopPending.length && stack.frames.length ? G.BOX_GAP : 0);
    var loopBoxList = loopPending.map(function (p) {
      var b = p[0];
      b.w = stack.width;
      b.y = loopY;
      placeRows(b, p[1]);
      loopY += b.h + G.BOX_GAP;
      return b;
    });
    if (loopBoxList.length) stack.height = loopY;
    var dist = columnsByDistance(state, analysis, drawn, loopPending.reduce(function (all, p) { return all.concat(p[1]); }, []));
    var reachableRest = keys.filter(function (k) { return !(k in dist.depthOf) && !garbageSet[k] && !freedNow[k] && k in heap; });
    var lastKeys = keys.filter(function (k) { return garbageSet[k] || (freedNow[k] && !(k in heap)); });
    var groups = [];
    dist.order.forEach(function (k) {
      var c = Math.min(dist.depthOf[k], maxColumns - 1);
      (groups[c] = groups[c] || []).push(k);
    });
    groups = groups.filter(Boolean);
    if (reachableRest.length) groups.push(reachableRest);

    // Only MAX_OBJECTS boxes: reachable ones first, in column order, then garbage.
    var budget = G.MAX_OBJECTS;
    function keep(g) {
      var kept = g.slice(0, Math.max(0, budget));
      budget -= kept.length;
      return kept;
    }
    groups = groups.map(keep).filter(function (g) { return g.length; });
    lastKeys = keep(lastKeys);
    var placed = {};
    Object.keys(drawn).forEach(function (k) { placed[k] = false; });   // known objects that get no box
    groups.concat([lastKeys]).forEach(function (g) { g.forEach(function (k) { placed[k] = true; }); });
    drawn = placed;

    function makeBox(key) {
      var freed = !(key in heap);
      var obj = freed ? freedNow[key] : heap[key];
      var name = values.displayName(key, labels);
      var kind = values.kindText(obj);
      var rows = objectRows(obj, labels, drawn);
      var box = {
        key: key, name: name, kind: kind, type: obj.type || "object", title: name + "  " + kind,
        garbage: !!garbageSet[key] && !freed, freed: freed, leaked: !!leakedSet[key],
        refcount: analysis.refcounts ? (analysis.refcounts[key] || 0) : null,
        mark: marks.objects && marks.objects[key] || null,
      };
      box.w = boxWidth(new Array(Math.max(name.length + 7, kind.length + 9) + 1).join("x"), rows);
      box.y = 0;
      box.allRows = rows;   // before clipping: the text table lists every row
      placeRows(box, rows);
      return box;
    }
    function moveTo(box, x, y) {
      var dy = y - box.y;
      box.x = x;
      box.y = y;
      box.rows.forEach(function (row) { row.y += dy; });
    }

    var objects = [];
    var columnHeight = Math.max(G.MIN_COLUMN_H, stack.height);
    var heapX = G.MARGIN + stack.width + G.STACK_GAP;
    var x = heapX;
    var column = 0;
    // Reachable objects: columns by distance from the stack, each top to bottom, a new column when one gets
    // taller than the stack.
    groups.forEach(function (group) {
      var y = G.MARGIN;
      var colBoxes = [];
      function flush() {
        if (!colBoxes.length) return;
        var w = colBoxes.reduce(function (m, b) { return Math.max(m, b.w); }, 0);
        colBoxes.forEach(function (b) { b.w = w; moveTo(b, x, b.y); b.column = column; });
        x += w + G.COL_GAP;
        column += 1;
        colBoxes = [];
        y = G.MARGIN;
      }
      group.map(makeBox).forEach(function (box) {
        if (colBoxes.length && y + box.h > columnHeight) flush();
        moveTo(box, 0, y);
        y += box.h + G.BOX_GAP;
        colBoxes.push(box);
        objects.push(box);
      });
      flush();
    });

    // Garbage (and what a gc() freed here): a band under the reachable objects, in rows, inside a labelled region.
    var regions = [];
    if (lastKeys.length) {
      var reachBottom = objects.reduce(function (m, b) { return Math.max(m, b.y + b.h); }, G.MARGIN);
      var top = reachBottom + G.BOX_GAP + G.REGION_HEAD;
      var right = Math.max(x - G.COL_GAP, heapX + G.MIN_BAND_W);
      var bx = heapX;
      var by = top;
      var shelf = 0;
      var bandRight = heapX;
      lastKeys.map(makeBox).forEach(function (box) {
        if (bx > heapX && bx + box.w > right) {
          bx = heapX;
          by += shelf + G.BOX_GAP;
          shelf = 0;
        }
        moveTo(box, bx, by);
        box.column = -1;
        bx += box.w + G.BAND_GAP;
        bandRight = Math.max(bandRight, box.x + box.w);
        shelf = Math.max(shelf, box.h);
        objects.push(box);
      });
      var anyFreed = lastKeys.some(function (k) { return !(k in heap); });
      var anyGarbage = lastKeys.some(function (k) { return k in heap; });
      regions.push({
        kind: "garbage",
        label: anyGarbage && anyFreed ? "Garbage, and objects gc() freed at this step" :
          anyFreed ? "Freed by gc() at this step" : "Garbage: unreachable, not yet freed",
        x: heapX - G.PAD, y: top - G.REGION_HEAD, w: bandRight - heapX + 2 * G.PAD, h: by + shelf - top + G.REGION_HEAD + G.PAD,
      });
    }

    Object.keys(marks.objects || {}).forEach(function (key) {
      if (!placed[key]) notes.push({ kind: marks.objects[key].kind, text: values.displayName(key, labels) + ": " + (marks.objects[key].note || marks.objects[key].kind) });
    });

    var byKey = {};
    objects.forEach(function (b) { byKey[b.key] = b; });
    var arrows = [];
    function arrow(from, source, row, fromGarbage) {
      var target = byKey[row.ref];
      if (!target) return;
      var x1 = source.x + source.w;
      var left = target.x > x1;   // else: back to a box at or left of the source, entering at its right side
      arrows.push({
        from: from, to: row.ref, label: row.label, x1: x1, y1: row.y + G.ROW_H / 2,
        x2: left ? target.x : target.x + target.w, left: left, target: target,
        fromGarbage: !!fromGarbage, weak: !!row.weak,
      });
    }
    stack.frames.forEach(function (f) {
      f.rows.forEach(function (row) { if (row.ref) arrow("frame:" + f.depth + ":" + row.name, f, row, false); });
    });
    loopBoxList.forEach(function (b) {
      b.rows.forEach(function (row) { if (row.ref) arrow("loop:" + row.name, b, row, false); });
    });
    objects.forEach(function (b) {
      b.rows.forEach(function (row) { if (row.ref) arrow(b.key, b, row, b.garbage || b.freed); });
    });
    // Arrows into one side of a box arrive spread down its edge, in the order of their sources' heights.
    var bySide = {};
    arrows.forEach(function (a) { (bySide[a.to + (a.left ? "<" : ">")] = bySide[a.to + (a.left ? "<" : ">")] || []).push(a); });
    Object.keys(bySide).sort().forEach(function (side) {
      var group = bySide[side].slice().sort(function (p, q) { return p.y1 - q.y1 || p.x1 - q.x1; });
      var t = group[0].target;
      var top = t.y + 10;
      var spread = Math.min(7, (t.h - 16) / Math.max(1, group.length - 1));
      group.forEach(function (a, i) { a.y2 = Math.round(top + i * spread); });
    });
    arrows.forEach(function (a) {
      var x1 = a.x1, y1 = a.y1, x2 = a.x2, y2 = a.y2;
      if (a.left) {
        var bend = Math.max(24, (x2 - x1) / 2);
        a.d = "M" + (x1 - 9) + " " + y1 + " C" + (x1 + bend) + " " + y1 + " " + (x2 - bend) + " " + y2 + " " + x2 + " " + y2;
      } else {
        var out = Math.max(x1, x2) + 36;
        a.d = "M" + (x1 - 9) + " " + y1 + " C" + out + " " + y1 + " " + out + " " + y2 + " " + x2 + " " + y2;
      }
      delete a.target;
      delete a.left;
    });

    var width = G.MARGIN + stack.width;
    var height = stack.height;
    objects.forEach(function (b) {
      width = Math.max(width, b.x + b.w + 48);
      height = Math.max(height, b.y + b.h + G.MARGIN);
    });
    arrows.forEach(function (a) { if (a.x2 <= a.x1) width = Math.max(width, Math.max(a.x1, a.x2) + 48); });
    regions.forEach(function (r) {
      width = Math.max(width, r.x + r.w + G.MARGIN);
      height = Math.max(height, r.y + r.h + G.MARGIN);
    });
    return {
      width: Math.ceil(width + G.MARGIN), height: Math.ceil(height + G.MARGIN),
      frames: stack.frames, loop: loopBoxList, objects: objects, arrows: arrows, regions: regions, notes: notes,
    };
  }

  return { layout: layout, GEOMETRY: G, objectRows: objectRows };
});
