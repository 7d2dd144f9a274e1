/* The playground page: an editor with line numbers, Run (Ctrl+Enter) through /playground/run/, the memory player
   (window.MemView.mount) over the run, Save for a permalink, and example programs. Every failure is a sentence in
   the status line, never a broken page. */
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function postJson(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function errorText(reply) {
    var error = reply.data && reply.data.error;
    if (error && error.message) return error.message;
    if (reply.status === 403) return "The page is out of date (its security token expired). Reload the page and try again.";
    return "The server could not do this (HTTP " + reply.status + "). Try again.";
  }

  /* ---------- the editor: a textarea with a line-number gutter ---------- */

  function Editor(box) {
    this.textarea = box.querySelector("[data-source]");
    this.gutter = box.querySelector("[data-gutter]");
    var self = this;
    this.textarea.addEventListener("input", function () { self.refresh(); });
    this.textarea.addEventListener("scroll", function () { self.gutter.scrollTop = self.textarea.scrollTop; });
    this.refresh();
  }

  Editor.prototype.refresh = function () {
    var count = this.textarea.value.split("\n").length;
    var numbers = [];
    for (var i = 1; i <= count; i++) numbers.push(String(i));
    this.gutter.textContent = numbers.join("\n");
    this.gutter.scrollTop = this.textarea.scrollTop;
  };

  Editor.prototype.value = function () { return this.textarea.value; };

  Editor.prototype.set = function (text) {
    this.textarea.value = text;
    this.refresh();
  };

  /** Put the caret at a line and column (1-based), for a syntax error. */
  Editor.prototype.select = function (line, column) {
    var lines = this.textarea.value.split("\n");
    var offset = 0;
    for (var i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
    offset += Math.max(0, (column || 1) - 1);
    this.textarea.focus();
    this.textarea.setSelectionRange(offset, offset + 1);
  };

  /* ---------- the page ---------- */

  function Playground(root) {
    this.root = root;
    this.editor = new Editor(root.querySelector("[data-editor]"));
    this.status = root.querySelector("[data-status]");
    this.runButton = root.querySelector("[data-run]");
    this.saveButton = root.querySelector("[data-save]");
    this.linkBox = root.querySelector("[data-link-box]");
    this.link = root.querySelector("[data-link]");
    this.playerBox = document.querySelector("[data-player]");
    this.empty = document.querySelector("[data-player-empty]");
    this.player = null;
    var sources = document.getElementById("pg-example-sources");
    this.examples = sources ? JSON.parse(sources.textContent) : {};
    var self = this;
    this.runButton.addEventListener("click", function () { self.run(); });
    this.saveButton.addEventListener("click", function () { self.save(); });
    this.editor.textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        self.run();
      }
    });
    this.editor.textarea.addEventListener("input", function () { self.linkBox.hidden = true; });
    var picker = root.querySelector("[data-examples]");
    picker.addEventListener("submit", function (event) {
      event.preventDefault();
      var slug = picker.querySelector("select").value;
      if (self.examples[slug] === undefined) return;
      self.editor.set(self.examples[slug]);
      self.linkBox.hidden = true;
      self.say("Loaded the example. Press Run to see its memory.", "info");
      self.editor.textarea.focus();
    });
    if (root.getAttribute("data-autorun") === "true") this.run();
  }

  Playground.prototype.say = function (message, tone) {
    this.status.textContent = message;
    this.status.className = "pg-status" + (tone ? " " + tone : "");
    // Problems interrupt (role=alert); progress and success are polite.
    this.status.setAttribute("role", tone === "bad" ? "alert" : "status");
  };

  Playground.prototype.busy = function (button, on) {
    button.disabled = on;
    button.setAttribute("aria-busy", on ? "true" : "false");
  };

  Playground.prototype.run = function () {
    var self = this;
    var source = this.editor.value();
    if (!source.trim()) {
      this.say("The program is empty: write or paste some JavaScript first.", "bad");
      return;
    }
    this.busy(this.runButton, true);
    this.say("Running…", "info");
    postJson(this.root.getAttribute("data-run-url"), { source: source })
      .then(function (reply) {
        self.busy(self.runButton, false);
        if (reply.status !== 200) {
          self.say(errorText(reply), "bad");
          return;
        }
        self.show(reply.data);
      })
      .catch(function () {
        self.busy(self.runButton, false);
        self.say("Could not reach the server. Check your connection and try again.", "bad");
      });
  };

  Playground.prototype.show = function (result) {
    if (!result.trace) {
      this.clearPlayer();
      this.say(result.problem || "The program could not run.", "bad");
      if (result.line) this.editor.select(result.line, result.column);
      return;
    }
    var steps = (result.trace.steps || []).length;
    var checkpoints = (result.trace.checkpoints || []).length;
    var summary = "Ran: " + (steps ? steps + " step" + (steps === 1 ? "" : "s") + ", " : "") + checkpoints +
      " checkpoint" + (checkpoints === 1 ? "" : "s") + ".";
    if (result.problem) this.say(result.problem + " The player shows the run up to there.", "warn");
    else if (result.trace.error) this.say(summary + " It ends with " + result.trace.error.name + ": " + result.trace.error.message + ".", "warn");
    else this.say(summary + " Step through it below.", "ok");
    this.mount(result);
  };

  Playground.prototype.clearPlayer = function () {
    if (this.player && this.player.destroy) this.player.destroy();
    this.player = null;
    this.playerBox.textContent = "";
    this.empty.hidden = false;
  };

  Playground.prototype.mount = function (result) {
    this.clearPlayer();
    if (!window.MemView || !window.MemView.mount) {
      this.say("The memory player did not load; reload the page.", "bad");
      return;
    }
    this.empty.hidden = true;
    this.player = window.MemView.mount(this.playerBox, {
      trace: result.trace,
      source: result.source,
      labels: result.labels || {},
      start: { step: 0 },
    });
  };

  Playground.prototype.save = function () {
    var self = this;
    var source = this.editor.value();
    if (!source.trim()) {
      this.say("The program is empty: there is nothing to save.", "bad");
      return;
    }
    this.busy(this.saveButton, true);
    postJson(this.root.getAttribute("data-save-url"), { source: source })
      .then(function (reply) {
        self.busy(self.saveButton, false);
        if (reply.status !== 201) {
          self.say(errorText(reply), "bad");
          return;
        }
        self.link.value = reply.data.url;
        self.linkBox.hidden = false;
        self.link.focus();
        self.link.select();
        self.say("Saved. Anyone with the link sees this program and its run.", "ok");
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", new URL(reply.data.url).pathname);
        }
      })
      .catch(function () {
        self.busy(self.saveButton, false);
        self.say("Could not reach the server. Check your connection and try again.", "bad");
      });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector("[data-playground]");
    if (root) window.memcoursePlayground = new Playground(root);
  });
})();
