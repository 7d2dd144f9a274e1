/* memview/render.js: the memory diagram in the DOM: an SVG drawn from a layout (memview/layout.js), the
   "why is it alive" panel, and a text alternative (tables of frames, variables and objects, always in the DOM).

   renderDiagram(container, {state, analysis, labels, marks, view: "ms"|"rc"}) -> {element, select(key), destroy()}
   Stable hooks: [data-mv-object=KEY] (classes mv-garbage, mv-freed, mv-leaked, mv-mark-extra, mv-mark-missing,
   mv-running: the timer or callback of the running task), [data-mv-arrow][data-from][data-to],
   [data-mv-frame=DEPTH] (mv-globals: the finished script), data-mv-kind="scope"|"promise"|"generator"|"timer",
   [data-mv-loop=task|timers|immediates|microtasks] (the event loop; mv-running on the task box while a task or job
   runs), .mv-rc, .mv-path, table.mv-table (table.mv-table-loop: the event loop and the suspended coroutines).

   Browser only (needs document): window.MemView.render. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./values.js"), require("./analysis.js"), require("./layout.js"));
  } else {
    root.MemView = root.MemView || {};
    root.MemView.render = factory(root.MemView.values, root.MemView.analysis, root.MemView.layout);
  }
})(typeof self !== "undefined" ? self : this, function (values, analysisLib, layoutLib) {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var G = layoutLib.GEOMETRY;
  var counter = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
  }

  function append(node, children) {
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
  }

  function status(box) {
    if (box.freed) return "freed by gc() at this step";
    if (box.garbage) return box.leaked ? "garbage, leaked under reference counting" : "garbage (unreachable)";
    return "reachable";
  }

  function markClass(mark) {
    return mark && mark.kind ? " mv-mark-" + mark.kind : "";
  }

  function drawFrame(f, view) {
    var g = svg("g", {
      "class": "mv-frame" + (f.current ? " mv-current" : "") + (f.ghost ? " mv-ghost" : "") + (f.globals ? " mv-globals" : "") + markClass(f.mark),
      "data-mv-frame": f.depth,
      role: "group",
      "aria-label": f.ghost ? "not on the stack: " + (f.mark.note || "an extra frame") :
        (f.globals ? "globals of the finished script, not a frame on the stack" : "frame " + f["function"] + (f.line ? ", line " + f.line : "")) + ", " +
        f.subtitle + (f.mark ? ". " + (f.mark.note || f.mark.kind) : ""),
    });
    g.appendChild(svg("rect", { x: f.x, y: f.y, width: f.w, height: f.h, rx: 6, "class": "mv-box" }));
    g.appendChild(svg("text", { x: f.x + G.PAD, y: f.y + 16, "class": "mv-title", text: f.title }));
    g.appendChild(svg("text", { x: f.x + G.PAD, y: f.y + 32, "class": "mv-subtitle", text: f.subtitle }));
    if (f.mark) g.appendChild(svg("title", { text: f.mark.note || f.mark.kind }));
    drawRows(g, f, view);
    return g;
  }

  /** A box of the event loop: the running task, the timers, the immediates or the microtask queue. */
  function drawLoopBox(b) {
    var g = svg("g", {
      "class": "mv-loop mv-loop-" + b.kind + (b.running ? " mv-running" : ""),
      "data-mv-loop": b.kind,
      role: "group",
      "aria-label": b.title + ", " + b.subtitle + ": " + b.rows.map(function (r) { return r.label + (r.text ? " " + r.text : ""); }).join("; "),
    });
    g.appendChild(svg("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 6, "class": "mv-box" }));
    g.appendChild(svg("text", { x: b.x + G.PAD, y: b.y + 16, "class": "mv-title", text: b.title }));
    g.appendChild(svg("text", { x: b.x + G.PAD, y: b.y + 32, "class": "mv-subtitle", text: b.subtitle }));
    drawRows(g, b);
    return g;
  }

  /** Rows as two texts each (name, value) and one path for all the separators: few nodes for a fast step. */
  function drawRows(g, box) {
    var seps = "";
    box.rows.forEach(function (row) {
      seps += "M" + box.x + " " + row.y + "h" + box.w;
      var extra = (row.ref ? " mv-ref" : "") + (row.more ? " mv-more" : "") + markClass(row.mark);
      var name = svg("text", { x: box.x + G.PAD, y: row.y + 14, "class": "mv-name" + extra, text: row.label });
      g.appendChild(name);
      if (!row.ref) {
        g.appendChild(svg("text", { x: box.x + box.w - G.PAD, y: row.y + 14, "class": "mv-value" + extra, "text-anchor": "end", text: row.text }));
      }
      if (row.mark) name.appendChild(svg("title", { text: row.mark.note || row.mark.kind }));
    });
    if (seps) g.appendChild(svg("path", { d: seps, "class": "mv-sep" }));
  }

  function drawObject(box, view, running) {
    var g = svg("g", {
      "class": "mv-object" + (box.garbage ? " mv-garbage" : "") + (box.freed ? " mv-freed" : "") +
        (box.leaked ? " mv-leaked" : "") + markClass(box.mark) + (box.type === "scope" ? " mv-scope" : "") +
        (/^(promise|generator|timer)$/.test(box.type) ? " mv-" + box.type : "") + (running && running[box.key] ? " mv-running" : ""),
      "data-mv-object": box.key,
      "data-mv-kind": box.type === "scope" ? "scope" : box.type,
      tabindex: "0",
      role: "button",
      "aria-label": box.name + ", " + box.kind + ", " + status(box) +
        (view === "rc" ? ", " + box.refcount + " references" : "") + (box.mark ? ". " + (box.mark.note || box.mark.kind) : "") +
        (running && running[box.key] ? ", used by the running task" : "") +
        ". Press Enter to see why.",
    });
    g.appendChild(svg("rect", { x: box.x, y: box.y, width: box.w, height: box.h, rx: box.type === "scope" ? 14 : 4, "class": "mv-box" }));
    g.appendChild(svg("text", { x: box.x + G.PAD, y: box.y + 16, "class": "mv-title", text: box.name }));
    var flag = box.freed ? "freed" : box.garbage ? (view === "rc" && box.leaked ? "leaked" : "garbage") : "";
    g.appendChild(svg("text", { x: box.x + G.PAD, y: box.y + 32, "class": "mv-subtitle", text: box.kind + (flag ? " · " + flag : "") }));
    if (view === "rc" && !box.freed) {
      var badge = svg("g", { "class": "mv-rc", "aria-hidden": "true" });
      badge.appendChild(svg("rect", { x: box.x + box.w - 44, y: box.y + 5, width: 38, height: 18, rx: 9 }));
      badge.appendChild(svg("text", { x: box.x + box.w - 25, y: box.y + 18, "text-anchor": "middle", text: "rc " + box.refcount }));
      g.appendChild(badge);
    }
    if (box.mark) g.appendChild(svg("title", { text: box.mark.note || box.mark.kind }));
    drawRows(g, box);
    return g;
  }

  function drawArrows(parent, arrows, id) {
    arrows.forEach(function (a) {
      parent.appendChild(svg("path", {
        d: a.d,
        "class": "mv-arrow" + (a.fromGarbage ? " mv-from-garbage" : "") + (a.weak ? " mv-weak" : ""),
        "data-mv-arrow": "",
        "data-from": a.from,
        "data-to": a.to,
        "data-label": a.label,
        "marker-end": "url(#" + id + (a.fromGarbage ? "-grey" : "") + ")",
      }));
      parent.appendChild(svg("circle", { cx: a.x1 - 9, cy: a.y1, r: 3.5, "class": "mv-dot" + (a.fromGarbage ? " mv-from-garbage" : "") }));
    });
  }

  function markers(id) {
    var defs = svg("defs");
    [["", "mv-head"], ["-grey", "mv-head mv-from-garbage"]].forEach(function (m) {
      var marker = svg("marker", { id: id + m[0], viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
      marker.appendChild(svg("path", { d: "M0 0 L10 5 L0 10 z", "class": m[1] }));
      defs.appendChild(marker);
    });
    return defs;
  }

  function valueText(value, labels) {
    if (values.isAccessor(value)) return "getter/setter";
    if (values.isRef(value)) {
      var key = values.refKey(value);
      return key === null ? "an object made by a built-in" : "→ " + values.displayName(key, labels);
    }
    return values.formatPrimitive(value);
  }

  /** The text alternative: frames and their variables, then every object with its status and contents. */
  function tables(lay, state, analysis, labels, view) {
    var marked = {};   // "depth.name" -> mark, "frame:depth" -> mark, heap key -> mark
    lay.frames.forEach(function (f) {
      if (f.mark) marked["frame:" + f.depth] = f.mark;
      f.rows.forEach(function (row) { if (row.mark) marked[f.depth + "." + row.name] = row.mark; });
    });
    lay.objects.forEach(function (b) { if (b.mark) marked[b.key] = b.mark; });
    function noted(text, mark) {
      return mark ? text + " (" + (mark.note || mark.kind) + ")" : text;
    }
    var frameBody = el("tbody");
    lay.frames.forEach(function (f) {
      if (!f.ghost) return;
      frameBody.appendChild(el("tr", { "data-depth": f.depth }, [
        el("th", { scope: "row", text: "not on the stack" }), el("td", { text: "" }), el("td", { text: f.mark.note || f.mark.kind }),
      ]));
    });
    for (var depth = state.stack.length - 1; depth >= 0; depth--) {
      var frame = state.stack[depth];
      var names = Object.keys(frame.locals || {});
      var finished = depth === 0 && lay.frames.some(function (f) { return f.depth === 0 && f.globals; });
      var where = noted((finished ? "globals of the finished script (not on the stack)" : frame["function"] + (frame.line ? " (line " + frame.line + ")" : "")) +
        (typeof frame.scope === "string" ? ", scope " + values.displayName(frame.scope, labels) : ""), marked["frame:" + depth]);
      if (!names.length) frameBody.appendChild(el("tr", { "data-depth": depth }, [el("th", { scope: "row", text: where }), el("td", { text: "(no variables)" }), el("td")]));
      names.forEach(function (name, i) {
        frameBody.appendChild(el("tr", { "data-depth": depth }, [
          el("th", { scope: "row", text: i === 0 ? where : "" }),
          el("td", { text: name }),
          el("td", { text: noted(valueText(frame.locals[name], labels), marked[depth + "." + name]) }),
        ]));
      });
    }
    var frameTable = el("table", { "class": "mv-table mv-table-frames" }, [
      el("caption", { text: "Call stack, innermost frame first" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Frame" }), el("th", { scope: "col", text: "Variable" }), el("th", { scope: "col", text: "Value" })])]),
      frameBody,
    ]);
    var objBody = el("tbody");
    var garbage = {};
    analysis.garbage.forEach(function (k) { garbage[k] = true; });
    var leaked = {};
    analysis.leaked.forEach(function (k) { leaked[k] = true; });
    function objectRow(key, obj, freed, rows) {
      var what = freed ? "freed by gc() at this step" : garbage[key] ? "garbage" + (leaked[key] ? ", leaked under reference counting" : "") : "reachable";
      if (view === "rc" && !freed) what += ", " + (analysis.refcounts[key] || 0) + " references";
      objBody.appendChild(el("tr", { "data-key": key }, [
        el("th", { scope: "row", text: values.displayName(key, labels) }),
        el("td", { text: values.kindText(obj) }),
        el("td", { text: noted(what, marked[key]) }),
        el("td", { text: rows.map(function (r) { return r.label + ": " + r.text; }).join("; ") || "(empty)" }),
      ]));
    }
    // The objects the diagram draws (a crowded heap is capped there, and here alike, to keep a step fast).
    lay.objects.forEach(function (box) {
      objectRow(box.key, box.freed ? state.freedNow[box.key] : state.heap[box.key], box.freed, box.allRows || box.rows);
    });
    var left = Object.keys(state.heap).length + Object.keys(state.freedNow || {}).length - lay.objects.length;
    if (left > 0) {
      objBody.appendChild(el("tr", {}, [el("td", { colspan: "4", text: left + " more objects are not listed." })]));
    }
    var objTable = el("table", { "class": "mv-table mv-table-objects" }, [
      el("caption", { text: "Heap objects" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Object" }), el("th", { scope: "col", text: "Kind" }), el("th", { scope: "col", text: "Status" }), el("th", { scope: "col", text: "Contents" })])]),
      objBody,
    ]);
    var loopTable = lay.loop && lay.loop.length ? eventLoopTable(state, analysis, labels) : null;
    return loopTable ? [frameTable, loopTable, objTable] : [frameTable, objTable];
  }

  /** The event loop in words: what runs, the timers (due time, repeat, callback, arguments), the immediates, the
      microtask queue, and every suspended async function and generator with what it keeps. */
  function eventLoopTable(state, analysis, labels) {
    var loop = state.loop;
    var heap = state.heap;
    var body = el("tbody");
    function row(part, entry, details) {
      body.appendChild(el("tr", {}, [el("th", { scope: "row", text: part }), el("td", { text: entry }), el("td", { text: details || "" })]));
    }
    function fn(value) {
      return values.isRef(value) ? values.functionName(value, heap, labels) : "none";
    }
    function args(list) {
      return list && list.length ? "; arguments: " + list.map(function (a) { return valueText(a, labels); }).join(", ") : "";
    }
    row("Running", values.taskText(loop.task, heap, labels),
      "time now " + loop.now + " ms" + (loop.script_done ? "; the script has finished, its globals live on" : "; the script is running"));
    (loop.timers || []).forEach(function (t, i) {
      row("Timer " + (i + 1), t.kind + " due at " + t.due + " ms" + (t.repeat !== null && t.repeat !== undefined ? ", repeats every " + t.repeat + " ms" : ""),
        "callback " + fn(t.callback) + args(t.args) + "; held as " + valueText(t.timer, labels).replace(/^→ /, ""));
    });
    if (!(loop.timers || []).length) row("Timers", "none pending", "");
    (loop.immediates || []).forEach(function (t, i) {
      row("Immediate " + (i + 1), "runs in the check phase", "callback " + fn(t.callback) + args(t.args));
    });
    (loop.microtasks || []).forEach(function (job, i) {
      var details = "callback " + fn(job.callback);
      if (job.argument !== undefined) details += "; argument " + valueText(job.argument, labels);
      if (job.promise) details += "; settles " + valueText(job.promise, labels).replace(/^→ /, "");
      row("Microtask " + (i + 1), job.label || job.job, details);
    });
    if (!(loop.microtasks || []).length) row("Microtasks", "queue empty", "");
    Object.keys(heap).forEach(function (key) {
      var obj = heap[key];
      if (obj.type !== "generator" || !/^suspended/.test(obj.state || "")) return;
      var keeps = Object.keys(obj.locals || {}).map(function (n) { return n + " = " + valueText(obj.locals[n], labels); });
      var what = (obj.kind === "async" ? "async function " : "generator ") + (obj.name || "") + " (" + values.displayName(key, labels) + ")";
      row("Suspended", what + ", " + values.stateText(obj) + (obj.line ? " at line " + obj.line : ""),
        (obj.awaiting ? "awaits " + valueText(obj.awaiting, labels).replace(/^→ /, "") + "; " : "") +
        "keeps " + (keeps.length ? keeps.join(", ") : "no variables") +
        (obj.promise ? "; the promise its call returned: " + valueText(obj.promise, labels).replace(/^→ /, "") : "") +
        (analysis.reachable[key] ? "" : "; garbage: nothing reaches it, so all it keeps can go"));
    });
    return el("table", { "class": "mv-table mv-table-loop" }, [
      el("caption", { text: "Event loop: the running task, the timers in firing order, the queues, and suspended coroutines" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Part" }), el("th", { scope: "col", text: "Entry" }), el("th", { scope: "col", text: "Details" })])]),
      body,
    ]);
  }

  /** The why-alive panel's content for one object. */
  function explain(panel, key, state, analysis, labels) {
    panel.textContent = "";
    var name = values.displayName(key, labels);
    if (!(key in state.heap)) {
      panel.appendChild(el("p", { text: name + " was freed by gc() at this step: nothing led to it from a root." }));
      return;
    }
    var hops = analysisLib.pathTo(analysis, state, key, labels);
    if (!hops) {
      panel.appendChild(el("p", { text: name + " is garbage: no path of references leads to it from any frame" +
        (values.loopUsed(state.loop) ? " or from the event loop." : ".") }));
      return;
    }
    panel.appendChild(el("p", { text: "Why " + name + " is alive, the shortest path from a root:" }));
    panel.appendChild(el("ol", { "class": "mv-path" }, hops.map(function (hop) {
      return el("li", { "data-key": hop.kind === "object" ? hop.key : null, "data-depth": hop.kind === "frame" ? hop.depth : null, text: hop.text });
    })));
  }

  function renderDiagram(container, model) {
    var state = model.state;
    var analysis = model.analysis || analysisLib.analyze(state);
    var labels = model.labels || {};
    var view = model.view === "rc" ? "rc" : "ms";
    var lay = model.layout || layoutLib.layout(state, analysis, { labels: labels, marks: model.marks || {} });
    var id = "mv-arrowhead-" + (++counter);
    container.textContent = "";
    var root = el("div", { "class": "mv-diagram mv-view-" + view });
    if (lay.notes.length) {
      root.appendChild(el("ul", { "class": "mv-notes" }, lay.notes.map(function (n) {
        return el("li", { "class": "mv-note mv-note-" + n.kind, text: n.text });
      })));
    }
    if (state.heapKnown === false) {
      root.appendChild(el("p", { "class": "mv-note", text: "Too many objects were live here for the timeline to record the heap: only the frames are shown." }));
    }
    var canvas = el("div", { "class": "mv-canvas" });
    var drawing = svg("svg", {
      width: lay.width, height: lay.height, viewBox: "0 0 " + lay.width + " " + lay.height,
      "class": "mv-svg", role: "group", "aria-label": "Memory diagram: the call stack on the left" +
        (lay.loop && lay.loop.length ? ", the event loop under it (running: " + values.taskText(state.loop.task, state.heap, labels) + ")" : "") +
        ", the heap on the right. The tables below say the same in text.",
    });
    drawing.appendChild(markers(id));
    (lay.regions || []).forEach(function (r) {
      var region = svg("g", { "class": "mv-region mv-region-" + r.kind, "aria-hidden": "true" });
      region.appendChild(svg("rect", { x: r.x, y: r.y, width: r.w, height: r.h, rx: 8 }));
      region.appendChild(svg("text", { x: r.x + G.PAD, y: r.y + 17, text: r.label }));
      drawing.appendChild(region);
    });
    var frameLayer = svg("g", { "class": "mv-frames" });
    lay.frames.forEach(function (f) { frameLayer.appendChild(drawFrame(f, view)); });
    var loopLayer = svg("g", { "class": "mv-loops" });
    (lay.loop || []).forEach(function (b) { loopLayer.appendChild(drawLoopBox(b)); });
    var running = runningKeys(state);
    var objectLayer = svg("g", { "class": "mv-objects" });
    lay.objects.forEach(function (b) { objectLayer.appendChild(drawObject(b, view, running)); });
    var arrowLayer = svg("g", { "class": "mv-arrows", "aria-hidden": "true" });
    drawArrows(arrowLayer, lay.arrows, id);
    drawing.appendChild(frameLayer);
    drawing.appendChild(loopLayer);
    drawing.appendChild(objectLayer);
    drawing.appendChild(arrowLayer);
    canvas.appendChild(drawing);
    root.appendChild(canvas);

    var why = el("div", { "class": "mv-why", "aria-live": "polite" }, [
      el("p", { "class": "mv-hint", text: "Click an object (or focus it and press Enter) to see why it is alive." }),
    ]);
    root.appendChild(why);
    var tableWrap = el("div", { "class": "mv-tables" });
    var toggle = el("button", { type: "button", "class": "mv-table-toggle", "aria-expanded": "false", text: "Show as a table" });
    var tableBox = el("div", { "class": "mv-table-box mv-visually-hidden" }, tables(lay, state, analysis, labels, view));
    toggle.addEventListener("click", function () {
      var open = tableBox.classList.toggle("mv-visually-hidden") === false;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? "Hide the table" : "Show as a table";
    });
    tableWrap.appendChild(toggle);
    tableWrap.appendChild(tableBox);
    root.appendChild(tableWrap);

    var selected = null;
    function select(key) {
      if (selected) selected.classList.remove("mv-selected");
      selected = objectLayer.querySelector('[data-mv-object="' + cssEscape(key) + '"]');
      if (selected) selected.classList.add("mv-selected");
      Array.prototype.forEach.call(arrowLayer.querySelectorAll(".mv-highlight"), function (a) { a.classList.remove("mv-highlight"); });
      explain(why, key, state, analysis, labels);
      highlightPath(arrowLayer, analysisLib.pathTo(analysis, state, key, labels));
    }
    function onActivate(event) {
      var target = event.target.closest ? event.target.closest("[data-mv-object]") : null;
      if (!target) return;
      if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      select(target.getAttribute("data-mv-object"));
    }
    objectLayer.addEventListener("click", onActivate);
    objectLayer.addEventListener("keydown", onActivate);
    container.appendChild(root);
    return {
      element: root,
      layout: lay,
      select: select,
      destroy: function () { container.textContent = ""; },
    };
  }

  /** The heap keys of the running task: its timer and its callback. */
  function runningKeys(state) {
    var task = state.loop && state.loop.task;
    var keys = {};
    if (!task) return keys;
    [task.timer, task.callback].forEach(function (v) {
      var key = values.refKey(v);
      if (key !== null) keys[key] = true;
    });
    return keys;
  }

  function highlightPath(arrowLayer, hops) {
    if (!hops) return;
    for (var i = 0; i + 1 < hops.length; i++) {
      var from = hops[i].kind === "frame" ? "frame:" + hops[i].depth + ":" + hops[i].name :
        hops[i].kind === "loop" ? "loop:" + hops[i].name : hops[i].key;
      var to = hops[i + 1].key;
      var path = arrowLayer.querySelector('[data-from="' + cssEscape(from) + '"][data-to="' + cssEscape(to) + '"]');
      if (path) path.classList.add("mv-highlight");
    }
  }

  function cssEscape(text) {
    return String(text).replace(/["\\]/g, "\\$&");
  }

  return { renderDiagram: renderDiagram, tables: tables };
});
