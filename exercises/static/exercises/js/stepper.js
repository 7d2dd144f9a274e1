/* Step-through of a run: previous/next buttons and a slider walk through the run's timeline (the engine's
   steps when the trace has them, otherwise its checkpoints); the current line is highlighted in the program
   listing and the memory diagram shows the state at that point.

   The page loads the timeline lazily from data-url, either
     {"mode": "checkpoints", "frames": [{"line", "title", "state": <labelled checkpoint>}]}, or
     {"mode": "steps", "steps": [...], "truncated": bool}: the engine's compact timeline (exercises/page_context.py,
     labelled_steps), which is replayed here: each entry says only what changed since the one before. */
(function () {
  "use strict";

  var SNAPSHOT_EVERY = 200;

  /* ---------- Replaying the engine's compact timeline ---------- */

  function emptyState() {
    return { frames: [], heap: {}, heapKnown: true };
  }

  function copyState(state) {
    // Entries are replaced whole, never mutated, so a shallow copy is a full snapshot.
    return { frames: state.frames.slice(), heap: Object.assign({}, state.heap), heapKnown: state.heapKnown };
  }

  function applyStep(state, step) {
    var depth = (step.stack || []).length;
    state.frames.length = Math.min(state.frames.length, depth);
    Object.keys(step.frames || {}).forEach(function (d) { state.frames[Number(d)] = step.frames[d]; });
    for (var i = 0; i < depth; i++) if (!state.frames[i]) state.frames[i] = {};
    if (step.heap_omitted) { state.heapKnown = false; return; }
    if (step.heap_reset) state.heap = {};
    state.heapKnown = true;
    Object.keys(step.heap || {}).forEach(function (key) { state.heap[key] = step.heap[key]; });
    (step.freed || []).forEach(function (key) { delete state.heap[key]; });
  }

  /** Full states rebuilt on demand from snapshots taken every SNAPSHOT_EVERY steps. */
  function Replay(steps) {
    this.steps = steps;
    this.snapshots = [];
    var state = emptyState();
    for (var i = 0; i < steps.length; i++) {
      applyStep(state, steps[i]);
      if (i % SNAPSHOT_EVERY === 0) this.snapshots.push(copyState(state));
    }
  }

  Replay.prototype.stateAt = function (index) {
    var base = Math.floor(index / SNAPSHOT_EVERY);
    var state = copyState(this.snapshots[base]);
    for (var i = base * SNAPSHOT_EVERY + 1; i <= index; i++) applyStep(state, this.steps[i]);
    return state;
  };

  Replay.prototype.frameAt = function (index) {
    var step = this.steps[index];
    var state = this.stateAt(index);
    var stack = (step.stack || []).map(function (name, i) { return { "function": name, line: i === 0 ? step.line : null }; });
    var where = stack.length ? " in " + stack[0]["function"] : "";
    return {
      line: step.line,
      title: "Line " + step.line + where + (state.heapKnown ? "" : " (too many objects to record the heap here)"),
      state: { stack: stack, locals: state.frames.slice().reverse(), heap: state.heapKnown ? state.heap : {} },
    };
  };

  function Stepper(root) {
    this.root = root;
    this.frames = { length: 0, at: function () { return null; } };
    this.index = 0;
    this.slider = root.querySelector("input[type=range]");
    this.prev = root.querySelector("[data-step=prev]");
    this.next = root.querySelector("[data-step=next]");
    this.position = root.querySelector("[data-position]");
    this.event = root.querySelector("[data-event]");
    this.view = root.querySelector("[data-step-diagram]");
    this.listing = document.getElementById(root.getAttribute("data-listing"));
    var self = this;
    this.prev.addEventListener("click", function () { self.go(self.index - 1); });
    this.next.addEventListener("click", function () { self.go(self.index + 1); });
    this.slider.addEventListener("input", function () { self.go(Number(self.slider.value)); });
    root.addEventListener("keydown", function (event) {
      if (event.target === self.slider) return; // the slider handles its own arrows
      if (event.key === "ArrowLeft" && !event.altKey) { self.go(self.index - 1); }
      else if (event.key === "ArrowRight" && !event.altKey) { self.go(self.index + 1); }
    });
  }

  Stepper.prototype.load = function () {
    var self = this;
    var url = this.root.getAttribute("data-url");
    this.event.textContent = "Loading the run…";
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (reply) {
        if (!reply.ok) throw new Error(reply.body.message || reply.body.detail || "The run could not be loaded.");
        self.setFrames(reply.body);
      })
      .catch(function (error) {
        self.event.textContent = error.message || "The run could not be loaded.";
      });
  };

  Stepper.prototype.setFrames = function (timeline) {
    this.mode = timeline.mode;
    if (timeline.mode === "steps") {
      var replay = new Replay(timeline.steps || []);
      this.frames = { length: replay.steps.length, at: function (i) { return replay.frameAt(i); } };
      this.truncated = !!timeline.truncated;
    } else {
      var frames = timeline.frames || [];
      this.frames = { length: frames.length, at: function (i) { return frames[i]; } };
    }
    this.root.hidden = false;
    var locked = this.root.parentNode.querySelector("[data-stepper-locked]");
    if (locked) locked.hidden = true;
    if (!this.frames.length) {
      this.event.textContent = "This run has no checkpoints to step through.";
      this.slider.disabled = this.prev.disabled = this.next.disabled = true;
      return;
    }
    this.slider.min = "0";
    this.slider.max = String(this.frames.length - 1);
    this.slider.disabled = this.frames.length < 2;
    this.go(0);
  };

  Stepper.prototype.go = function (index) {
    if (!this.frames.length) return;
    index = Math.max(0, Math.min(this.frames.length - 1, index));
    this.index = index;
    var frame = this.frames.at(index);
    var what = this.mode === "steps" ? "Step" : "Checkpoint";
    this.slider.value = String(index);
    this.slider.setAttribute("aria-valuetext", what + " " + (index + 1) + " of " + this.frames.length + ", line " + frame.line);
    this.position.textContent = what + " " + (index + 1) + " / " + this.frames.length;
    this.prev.disabled = index === 0;
    this.next.disabled = index === this.frames.length - 1;
    var last = index === this.frames.length - 1;
    this.event.textContent = (frame.title || ("Line " + frame.line)) +
      (last && this.truncated ? " — the recorded timeline stops here; the program ran on." : "");
    this.highlight(frame.line);
    if (frame.state) {
      window.Memcourse.renderDiagram(this.view, frame.state, { idPrefix: "step" });
    } else {
      this.view.textContent = "";
    }
  };

  Stepper.prototype.highlight = function (line) {
    if (!this.listing) return;
    Array.prototype.forEach.call(this.listing.querySelectorAll(".line.current"), function (node) {
      node.classList.remove("current");
      node.removeAttribute("aria-current");
    });
    var target = this.listing.querySelector('.line[data-line="' + line + '"]');
    if (!target) return;
    target.classList.add("current");
    target.setAttribute("aria-current", "step");
    var box = this.listing.getBoundingClientRect();
    var row = target.getBoundingClientRect();
    if (row.top < box.top || row.bottom > box.bottom) {
      this.listing.scrollTop += row.top - box.top - box.height / 3;
    }
  };

  function init(root) {
    var stepper = new Stepper(root);
    var start = function () {
      if (stepper.loaded) return;
      stepper.loaded = true;
      stepper.load();
    };
    if (root.getAttribute("data-unlocked") === "true") start();
    document.addEventListener("memcourse:graded", start);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-stepper]"), init);
  });
})();
