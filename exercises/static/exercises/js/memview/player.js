/* memview/player.js: the step-through player and the public API of memview.

   PUBLIC API (pages code against this; keep it stable)

   MemView.mount(element, options) -> player
     options.trace     the engine trace: {checkpoints, output, error, steps (timeline v2, docs/timeline.md),
                       steps_truncated, steps_truncated_reason}. Without steps the player steps through the
                       checkpoints only.
     options.source    the program text, shown as a numbered listing with the current line highlighted.
     options.labels    optional {heapKey: "A#1"}: display names for objects.
     options.start     optional {checkpoint: i} or {step: k}: where the player opens (default: step 0).
     options.marks     optional feedback marks, shown while the player is at checkpoint `markCheckpoint`:
                         {objects: {heapKey: {kind: "extra"|"missing", note}},
                          frames: {depth: {kind: "extra"|"missing"|"wrong", note}},
                          variables: {"depth.name": {kind: "wrong", note}}}
                       (depth counts from the outermost frame, <global> = 0, as in the timeline's stack; for a
                       checkpoint after the script, which has `globals`, from the checkpoint's own outermost
                       frame: the player adds 1, past the finished script frame it draws at depth 0).
     options.markCheckpoint  the checkpoint index the marks belong to.
     options.view      optional "ms" (mark-and-sweep, the default) or "rc" (reference counting).
     options.keyframeEvery   optional: keyframe spacing of the timeline replay (default 128).
     player.goTo(k)             show step k (clamped to the timeline)
     player.goToCheckpoint(i)   show checkpoint i (its event step)
     player.step                the index shown now
     player.length              the number of steps
     player.goToTask(i)         show the first step of task i (timeline.tasks: the script, then each task or job)
     player.setView("ms"|"rc")
     player.destroy()           remove the player and its listeners

   MemView.mountDiagram(element, {trace, checkpoint: i, labels, marks, view}) -> {element, select(key), destroy()}
     a static diagram (with its text tables) of trace.checkpoints[i] alone.

   Stable DOM hooks: .mv-player; buttons aria-label "Previous step" / "Next step"; input[type=range].mv-slider;
   select.mv-checkpoints; .mv-code .mv-current-line; .mv-output; .mv-limit; radios name=mv-view (ms/rc);
   [aria-live].mv-status; and the diagram's hooks (memview/render.js). A run that uses the event loop also has
   .mv-task ("Running: timeout → tick"), buttons aria-label "Previous task" / "Next task", select.mv-tasks.
   Keyboard: on the player, ArrowLeft/ArrowRight step, Home/End go to the first/last step, PageUp/PageDown jump
   to the previous/next checkpoint, [ and ] to the previous/next task.

   Browser only: window.MemView.mount, window.MemView.mountDiagram. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./values.js"), require("./timeline.js"), require("./analysis.js"), require("./layout.js"),
      require("./render.js"));
  } else {
    root.MemView = root.MemView || {};
    var api = factory(root.MemView.values, root.MemView.timeline, root.MemView.analysis, root.MemView.layout,
      root.MemView.render);
    root.MemView.mount = api.mount;
    root.MemView.mountDiagram = api.mountDiagram;
    root.MemView.player = api;
  }
})(typeof self !== "undefined" ? self : this, function (valuesLib, timelineLib, analysisLib, layoutLib, renderLib) {
  "use strict";

  var uid = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function codeListing(source) {
    var lines = String(source || "").replace(/\r\n?/g, "\n").split("\n");
    if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
    var list = el("ol", { className: "mv-lines" });
    lines.forEach(function (text, i) {
      list.appendChild(el("li", { className: "mv-line", "data-line": i + 1 }, [
        el("span", { className: "mv-ln", "aria-hidden": "true", text: String(i + 1) }),
        el("code", { text: text || " " }),
      ]));
    });
    return el("div", { className: "mv-code", tabindex: "0", role: "region", "aria-label": "The program" }, [list]);
  }

  function checkpointName(cp, i) {
    var name = cp && cp.name !== undefined ? String(cp.name) : String(i + 1);
    return "Checkpoint " + name + (cp && cp.line ? " (line " + cp.line + ")" : "");
  }

  /** Marks made on a checkpoint's own stack, moved up one frame when the checkpoint came after the script (its
      finished script frame, `globals`, is drawn at depth 0 under the task's frames). */
  function shiftMarks(marks, cp) {
    if (!cp || !cp.globals || !marks) return marks || {};
    var out = Object.assign({}, marks, { frames: {}, variables: {} });
    Object.keys(marks.frames || {}).forEach(function (d) { out.frames[Number(d) + 1] = marks.frames[d]; });
    Object.keys(marks.variables || {}).forEach(function (name) {
      var dot = name.indexOf(".");
      out.variables[(Number(name.slice(0, dot)) + 1) + name.slice(dot)] = marks.variables[name];
    });
    return out;
  }

  function taskName(entry, tl, labels) {
    return valuesLib.taskText(entry.task, tl.seen, labels);
  }

  /** The analysis of a state. A checkpoint's own lists (sites only) win for objects with a site: a checkpoint of an
      older trace may lack the frames' scopes and roots the analysis needs. */
  function analyzeState(state) {
    var analysis = analysisLib.analyze(state);
    function merge(own, computed) {
      var keys = computed.filter(function (key) { return key.charAt(0) === "@"; }).concat(own);
      return keys.filter(function (key, i) { return keys.indexOf(key) === i && key in state.heap; }).sort();
    }
    if (state.garbage) {
      analysis.garbage = merge(state.garbage, analysis.garbage);
      var garbage = {};
      analysis.garbage.forEach(function (key) { garbage[key] = true; });
      Object.keys(analysis.reachable).forEach(function (key) { if (garbage[key]) delete analysis.reachable[key]; });
    }
    if (state.leaked) analysis.leaked = merge(state.leaked, analysis.leaked);
    return analysis;
  }

  function Player(element, options) {
    options = options || {};
    this.element = element;
    this.options = options;
    this.view = options.view === "rc" ? "rc" : "ms";
    this.timeline = new timelineLib.Timeline(options.trace || {}, { keyframeEvery: options.keyframeEvery });
    this.labels = Object.assign({}, this.timeline.names, options.labels || {});
    this.length = this.timeline.length;
    this.step = -1;
    this.id = "mv" + (++uid);
    this._build();
    var start = options.start || {};
    if (typeof start.checkpoint === "number") this.goToCheckpoint(start.checkpoint);
    else this.goTo(typeof start.step === "number" ? start.step : 0);
  }

  Player.prototype._build = function () {
    var self = this;
    var tl = this.timeline;
    var root = el("div", { className: "mv-player", tabindex: "-1", role: "region", "aria-label": "Step through the run" });
    tl.limits.forEach(function (limit) {
      root.appendChild(el("p", { className: "mv-limit mv-limit-" + limit.kind, role: "note", text: limit.message }));
    });
    if (!tl.hasSteps) {
      root.appendChild(el("p", { className: "mv-note", text: tl.olderTimeline ?
        "This run's timeline is in an older format: the player steps from checkpoint to checkpoint." :
        "This run has no step timeline: the player steps from checkpoint to checkpoint." }));
    }
    this.prevButton = el("button", { type: "button", className: "mv-prev", "aria-label": "Previous step", text: "◀ Previous" });
    this.nextButton = el("button", { type: "button", className: "mv-next", "aria-label": "Next step", text: "Next ▶" });
    this.slider = el("input", {
      type: "range", className: "mv-slider", min: 0, max: Math.max(0, this.length - 1), value: 0, step: 1,
      "aria-label": "Position in the run",
    });
    this.select = el("select", { className: "mv-checkpoints", "aria-label": "Jump to a checkpoint" });
    this.select.appendChild(el("option", { value: "", text: "Jump to a checkpoint…" }));
    tl.checkpoints.forEach(function (cp, i) {
      var reached = tl.stepOfCheckpoint(i) !== null;
      self.select.appendChild(el("option", { value: i, disabled: !reached, text: checkpointName(cp, i) + (reached ? "" : " (not in the timeline)") }));
    });
    if (!tl.checkpoints.length) this.select.disabled = true;
    var viewName = "mv-view";
    var views = el("fieldset", { className: "mv-views" }, [el("legend", { text: "View" })]);
    [["ms", "Mark-and-sweep"], ["rc", "Reference counting"]].forEach(function (v) {
      var input = el("input", { type: "radio", name: viewName, value: v[0], id: self.id + "-view-" + v[0] });
      input.checked = v[0] === self.view;
      views.appendChild(el("label", { "for": self.id + "-view-" + v[0] }, [input, " " + v[1]]));
    });
    this.status = el("p", { className: "mv-status", "aria-live": "polite", role: "status" });
    // A form of its own keeps this player's radios a group apart from another player's on the same page.
    var viewForm = el("form", { className: "mv-view-form" }, [views]);
    var controls = el("div", { className: "mv-controls", role: "group", "aria-label": "Step controls" }, [
      this.prevButton, this.slider, this.nextButton, this.select, viewForm,
    ]);
    root.appendChild(controls);
    root.appendChild(this.status);
    if (tl.usesLoop) root.appendChild(this._taskControls());
    this.code = codeListing(this.options.source);
    this.output = el("pre", { className: "mv-output", "aria-label": "Output so far" });
    this.event = el("p", { className: "mv-event" });
    this.diagramBox = el("div", { className: "mv-diagram-box" });
    var side = el("div", { className: "mv-side" }, [this.code, el("h4", { text: "Output so far" }), this.output]);
    var main = el("div", { className: "mv-main" }, [this.event, this.diagramBox]);
    root.appendChild(el("div", { className: "mv-body" }, [side, main]));
    this.root = root;

    this._handlers = [];
    function on(node, type, fn) {
      node.addEventListener(type, fn);
      self._handlers.push([node, type, fn]);
    }
    on(this.prevButton, "click", function () { self.goTo(self.step - 1); });
    on(this.nextButton, "click", function () { self.goTo(self.step + 1); });
    on(this.slider, "input", function () { self._schedule(Number(self.slider.value)); });
    on(this.select, "change", function () {
      if (self.select.value !== "") self.goToCheckpoint(Number(self.select.value));
    });
    on(viewForm, "submit", function (event) { event.preventDefault(); });
    on(views, "change", function (event) { if (event.target.name === viewName) self.setView(event.target.value); });
    on(root, "keydown", function (event) { self._key(event); });
    (this._taskHandlers || []).forEach(function (h) { on(h[0], h[1], h[2]); });
    this.element.appendChild(root);
  };

  var MAX_TASK_OPTIONS = 400;

  /** The event loop's line: what runs now, the previous/next task buttons, and a list of the tasks. */
  Player.prototype._taskControls = function () {
    var self = this;
    var tl = this.timeline;
    this.taskLabel = el("p", { className: "mv-task" });
    this.prevTask = el("button", { type: "button", className: "mv-prev-task", "aria-label": "Previous task", text: "◀ Task" });
    this.nextTask = el("button", { type: "button", className: "mv-next-task", "aria-label": "Next task", text: "Task ▶" });
    this.taskSelect = el("select", { className: "mv-tasks", "aria-label": "Jump to a task" });
    this.taskSelect.appendChild(el("option", { value: "", text: "Jump to a task…" }));
    tl.tasks.slice(0, MAX_TASK_OPTIONS).forEach(function (entry, i) {
      self.taskSelect.appendChild(el("option", { value: i, text: (i + 1) + ". " + taskName(entry, tl, self.labels) + " (at " + entry.now + " ms)" }));
    });
    if (tl.tasks.length > MAX_TASK_OPTIONS) {
      this.taskSelect.appendChild(el("option", { value: "", disabled: true, text: (tl.tasks.length - MAX_TASK_OPTIONS) + " more: use Next task" }));
    }
    this._taskHandlers = [
      [this.prevTask, "click", function () { self._stepTask(-1); }],
      [this.nextTask, "click", function () { self._stepTask(1); }],
      [this.taskSelect, "change", function () { if (self.taskSelect.value !== "") self.goToTask(Number(self.taskSelect.value)); }],
    ];
    return el("div", { className: "mv-task-line", role: "group", "aria-label": "Event loop tasks" }, [
      this.taskLabel, el("span", { className: "mv-task-nav" }, [this.prevTask, this.nextTask, this.taskSelect]),
    ]);
  };

  /** The first step of the previous (dir -1: the start of this task, else the one before) or next task. */
  Player.prototype._stepTask = function (dir) {
    var tl = this.timeline;
    var i = tl.taskIndexAt(this.step);
    if (dir > 0) this.goToTask(i + 1);
    else this.goToTask(i >= 0 && tl.tasks[i].step < this.step ? i : i - 1);
  };

  Player.prototype.goToTask = function (i) {
    var tasks = this.timeline.tasks;
    if (!tasks.length) return;
    this.goTo(tasks[Math.max(0, Math.min(tasks.length - 1, i))].step);
  };

  Player.prototype._key = function (event) {
    var t = event.target;
    var tag = t && t.tagName;
    if (tag === "SELECT" || tag === "TEXTAREA" || (tag === "INPUT" && t.type === "radio")) return;
    if (t && t.closest && t.closest("[data-mv-object]") && (event.key === "Enter" || event.key === " ")) return;
    var k = null;
    if (event.key === "ArrowLeft" || event.key === "ArrowDown") k = this.step - 1;
    else if (event.key === "ArrowRight" || event.key === "ArrowUp") k = this.step + 1;
    else if (event.key === "Home") k = 0;
    else if (event.key === "End") k = this.length - 1;
    else if (event.key === "PageDown") k = this._nearCheckpoint(1);
    else if (event.key === "PageUp") k = this._nearCheckpoint(-1);
    else if ((event.key === "]" || event.key === "[") && this.timeline.usesLoop) {
      event.preventDefault();
      this._stepTask(event.key === "]" ? 1 : -1);
      return;
    }
    if (k === null) return;
    event.preventDefault();
    this.goTo(k);
  };

  /** The step of the next (dir 1) or previous (dir -1) checkpoint from here, or the end. */
  Player.prototype._nearCheckpoint = function (dir) {
    var best = dir > 0 ? this.length - 1 : 0;
    var steps = this.timeline.checkpointSteps;
    for (var i = 0; i < steps.length; i++) {
      var k = steps[i];
      if (k === undefined) continue;
      if (dir > 0 && k > this.step && k < best) best = k;
      if (dir < 0 && k < this.step && k > best) best = k;
    }
    return best;
  };

  /** Slider drags come faster than frames: draw only the latest position once per animation frame. */
  Player.prototype._schedule = function (k) {
    var self = this;
    this._pending = k;
    if (this._frame) return;
    var raf = typeof requestAnimationFrame === "function" ? requestAnimationFrame : function (f) { return setTimeout(f, 16); };
    this._frame = raf(function () {
      self._frame = null;
      self.goTo(self._pending);
    });
  };

  Player.prototype.goToCheckpoint = function (i) {
    var k = this.timeline.stepOfCheckpoint(i);
    if (k === null) return;
    this.goTo(k);
  };

  Player.prototype.setView = function (view) {
    this.view = view === "rc" ? "rc" : "ms";
    Array.prototype.forEach.call(this.root.querySelectorAll('input[name="mv-view"]'), function (input) {
      input.checked = input.value === this.view;
    }, this);
    this._draw();
  };

  Player.prototype.goTo = function (k) {
    if (!this.length) {
      this.status.textContent = "This run has nothing to step through.";
      this.prevButton.disabled = this.nextButton.disabled = this.slider.disabled = true;
      return;
    }
    k = Math.max(0, Math.min(this.length - 1, Math.floor(Number(k) || 0)));
    this.step = k;
    this._draw();
  };

  Player.prototype._draw = function () {
    var k = this.step;
    if (k < 0) return;
    var tl = this.timeline;
    var state = tl.state(k);
    if (state.heapKnown === false) {
      // The timeline recorded no heap here: show the frames only, rather than a stale heap with wrong marks.
      state = { stack: state.stack, heap: {}, heapKnown: false, freedNow: {}, line: state.line, event: state.event,
        checkpoint: state.checkpoint, error: state.error, outputLength: state.outputLength, loop: state.loop };
    }
    var analysis = analyzeState(state);
    var checkpoint = tl.checkpointAt(k);
    var marks = checkpoint !== null && checkpoint === this.options.markCheckpoint ?
      shiftMarks(this.options.marks, tl.checkpoints[checkpoint]) : {};
    var lay = layoutLib.layout(state, analysis, { labels: this.labels, marks: marks, showLoop: tl.usesLoop && !!state.loop });
    if (this.diagram) this.diagram.destroy();
    this.diagram = renderLib.renderDiagram(this.diagramBox, {
      state: state, analysis: analysis, labels: this.labels, view: this.view, layout: lay,
    });
    this.slider.value = String(k);
    var what = tl.hasSteps ? "Step" : "Checkpoint";
    var line = state.line;
    var text = what + " " + (k + 1) + " of " + this.length + (line ? ", line " + line : "");
    var running = tl.usesLoop && state.loop ? valuesLib.taskText(state.loop.task, state.heap, this.labels) : null;
    if (running) text += ", running " + running;
    this.slider.setAttribute("aria-valuetext", text);
    this.status.textContent = text;
    if (this.taskLabel) this._showTask(state, k);
    this._disable(this.prevButton, k === 0);
    this._disable(this.nextButton, k === this.length - 1);
    this.select.value = checkpoint !== null ? String(checkpoint) : "";
    this.event.textContent = this._eventText(state, checkpoint, k);
    this._highlight(line);
    var out = tl.outputAt(k);
    this.output.textContent = out.join("\n");
    this.output.classList.toggle("mv-empty", !out.length);
  };

  Player.prototype._showTask = function (state, k) {
    var tl = this.timeline;
    var task = state.loop.task || { kind: "script" };
    var i = tl.taskIndexAt(k);
    var busy = task.kind !== "idle" && task.kind !== "done";
    this.taskLabel.textContent = (busy ? "Running: " : "Event loop: ") + valuesLib.taskText(task, state.heap, this.labels) +
      " · now " + state.loop.now + " ms" + (i >= 0 ? " · task " + (i + 1) + " of " + tl.tasks.length : "");
    this.taskLabel.classList.toggle("mv-task-running", busy && task.kind !== "script");
    this.taskLabel.setAttribute("data-task-kind", task.kind);
    this._disable(this.prevTask, k === 0);
    this._disable(this.nextTask, i >= tl.tasks.length - 1);
    this.taskSelect.value = i >= 0 && i < MAX_TASK_OPTIONS && tl.tasks[i].step === k ? String(i) : "";
  };

  /** Disable a button; a focused one hands focus to the slider first, so the keyboard keeps working. */
  Player.prototype._disable = function (button, disabled) {
    if (disabled && typeof document !== "undefined" && document.activeElement === button) this.slider.focus();
    button.disabled = disabled;
  };

  Player.prototype._eventText = function (state, checkpoint, k) {
    var tl = this.timeline;
    var parts = [];
    if (checkpoint !== null) parts.push(checkpointName(tl.checkpoints[checkpoint], checkpoint) + ".");
    if (state.event === "gc") {
      var n = Object.keys(state.freedNow || {}).length;
      parts.push("gc() runs here and frees " + n + " object" + (n === 1 ? "" : "s") + ".");
    }
    if (state.event === "script_end") parts.push("The script has finished; the event loop now runs what it queued.");
    if (state.event === "end") {
      parts.push(tl.usesLoop ? "The event loop is empty: the program has finished." : "The program has finished.");
    }
    if (state.event === "error" && state.error) {
      parts.push("The program stops: " + state.error.name + (state.error.message ? ": " + state.error.message : "") + ".");
    }
    if (k === this.length - 1 && this.timeline.trace.steps_truncated) parts.push("The timeline stops here; the program ran on.");
    return parts.join(" ");
  };

  Player.prototype._highlight = function (line) {
    var current = this.code.querySelector(".mv-current-line");
    if (current) {
      current.classList.remove("mv-current-line");
      current.removeAttribute("aria-current");
    }
    var target = line ? this.code.querySelector('.mv-line[data-line="' + line + '"]') : null;
    if (!target) return;
    target.classList.add("mv-current-line");
    target.setAttribute("aria-current", "step");
    var box = this.code.getBoundingClientRect();
    var row = target.getBoundingClientRect();
    if (box.height && (row.top < box.top || row.bottom > box.bottom)) {
      this.code.scrollTop += row.top - box.top - box.height / 3;
    }
  };

  Player.prototype.destroy = function () {
    this._handlers.forEach(function (h) { h[0].removeEventListener(h[1], h[2]); });
    this._handlers = [];
    if (this.root.parentNode) this.root.parentNode.removeChild(this.root);
  };

  function mount(element, options) {
    if (!element) throw new Error("MemView.mount: no element to mount into");
    return new Player(element, options);
  }

  function mountDiagram(element, options) {
    if (!element) throw new Error("MemView.mountDiagram: no element to mount into");
    options = options || {};
    var trace = options.trace || {};
    var i = options.checkpoint || 0;
    var cp = (trace.checkpoints || [])[i];
    if (!cp) {
      element.textContent = "";
      element.appendChild(el("p", { className: "mv-note", text: "This run has no checkpoint " + (i + 1) + "." }));
      return { element: element, select: function () {}, destroy: function () { element.textContent = ""; } };
    }
    var state = timelineLib.stateFromCheckpoint(cp, i);
    var analysis = analyzeState(state);
    var namer = new valuesLib.Namer();
    Object.keys(state.heap).forEach(function (key) { namer.see(key, state.heap[key]); });
    var labels = Object.assign({}, namer.names, options.labels || {});
    var lay = layoutLib.layout(state, analysis, { labels: labels, marks: shiftMarks(options.marks, cp) });
    var diagram = renderLib.renderDiagram(element, {
      state: state, analysis: analysis, labels: labels, view: options.view, layout: lay,
    });
    diagram.element.classList.add("mv-static");
    return diagram;
  }

  return { mount: mount, mountDiagram: mountDiagram, Player: Player };
});
