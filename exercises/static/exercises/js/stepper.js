/* Step-through of a run: previous/next buttons and a slider walk through the run's timeline (the engine's
   steps when the trace has them, otherwise its checkpoints); the current line is highlighted in the program
   listing and the memory diagram shows the state at that point.

   The page loads the timeline lazily from data-url: {"mode": "steps"|"checkpoints",
   "frames": [{"line": 3, "title": "...", "state": <labelled checkpoint> | null, "output": [...]}]}. */
(function () {
  "use strict";

  function Stepper(root) {
    this.root = root;
    this.frames = [];
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
    this.frames = timeline.frames || [];
    this.mode = timeline.mode;
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
    var frame = this.frames[index];
    var what = this.mode === "steps" ? "Step" : "Checkpoint";
    this.slider.value = String(index);
    this.slider.setAttribute("aria-valuetext", what + " " + (index + 1) + " of " + this.frames.length + ", line " + frame.line);
    this.position.textContent = what + " " + (index + 1) + " / " + this.frames.length;
    this.prev.disabled = index === 0;
    this.next.disabled = index === this.frames.length - 1;
    this.event.textContent = frame.title || ("Line " + frame.line);
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
