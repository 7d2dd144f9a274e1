/* The exercise page: turn each question form into the JSON answer of its kind (exercises/answers.py), post it to
   the attempts API, wait for the result with the attempt's long poll (GET /api/attempts/<id>/?wait=10, which
   answers as soon as the attempt is graded), then show the score, per-part feedback and the answer
   beside the true memory at that checkpoint (the attempt's `comparison`, drawn with MemView.mountDiagram and its
   marks), without reloading the page. The run (trace and labels) is fetched once, lazily, from the page's run
   endpoint; the same run feeds the step-through player (MemView.mount), which a feedback button opens at the
   question's checkpoint. */
(function () {
  "use strict";

  var LABEL = /^[A-Z]+(?:#[1-9]\d*)?$/;
  var WAIT_SECONDS = 10;  // each long poll; the server answers as soon as the attempt is graded
  var PENDING_PAUSE_MS = 250;  // between long polls that came back pending (a server that does not wait)
  var RETRY_MS = [1000, 2000, 4000];  // after a failed request, before giving up
  var POLL_PATIENCE_MS = 60000;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fromTemplate(template, id) {
    return template.replace("/0/", "/" + encodeURIComponent(id) + "/");
  }

  /* ---------- Reading answers ---------- */

  function AnswerError(message, field) {
    this.message = message;
    this.field = field;
  }

  /** A typed value, as JavaScript would print it, to the answer's JSON value. */
  function parseValue(text, name) {
    var t = text.trim();
    if (t === "") throw new AnswerError("Give a value for " + name + ".");
    if (t === "undefined") return { undefined: true };
    if (t === "null") return null;
    if (t === "true") return true;
    if (t === "false") return false;
    if (t === "NaN" || t === "Infinity" || t === "-Infinity") return { number: t };
    if (/^(uninitialized|<uninitialized>|TDZ)$/i.test(t)) return { uninitialized: true };
    if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
    if (/^-?\d+n$/.test(t)) return { bigint: BigInt(t.slice(0, -1)).toString() };
    if (/^(["'`]).*\1$/.test(t) && t.length >= 2) return t.slice(1, -1);
    if (LABEL.test(t)) return { object: t };
    // An object made by a built-in (map(), slice()...) has no allocation site, so no label.
    if (/^(built-in object|unlabelled object|object)$/i.test(t)) return { object: null };
    throw new AnswerError(
      name + ": “" + t + "” is not a value. Write a number, text in quotes (\"hi\"), true, false, null, " +
      "undefined, NaN, a BigInt such as 10n, an object label such as B or B#2, or “object” for an object without a label."
    );
  }

  var readers = {
    stack: function (form) {
      return { frames: window.Memcourse.widgets.stackFrames(form.querySelector("[data-widget=stack]")) };
    },
    locals: function (form) {
      var values = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[data-variable]"), function (input) {
        var name = input.getAttribute("data-variable");
        input.removeAttribute("aria-invalid");
        try {
          values[name] = parseValue(input.value, name);
        } catch (error) {
          input.setAttribute("aria-invalid", "true");
          error.field = input;
          throw error;
        }
      });
      return { values: values };
    },
    objects: function (form) {
      try {
        return { objects: window.Memcourse.widgets.pickedObjects(form.querySelector("[data-widget=objects]")) };
      } catch (error) {
        throw new AnswerError(error.message);
      }
    },
    output: function (form) {
      var text = form.querySelector("textarea").value.replace(/\r\n?/g, "\n");
      if (text === "") return { lines: [] };
      if (text.endsWith("\n")) text = text.slice(0, -1);
      return { lines: text.split("\n") };
    },
    overflow: function (form) {
      var picked = form.querySelector("input[name$=overflows]:checked");
      if (!picked) throw new AnswerError("Say whether the program overflows the stack.");
      if (picked.value !== "yes") return { overflows: false, line: null };
      var input = form.querySelector("input[data-line]");
      var line = Number(input.value);
      if (!input.value || !Number.isInteger(line) || line < 1) {
        input.setAttribute("aria-invalid", "true");
        throw new AnswerError("Give the line number where the stack overflows.", input);
      }
      input.removeAttribute("aria-invalid");
      return { overflows: true, line: line };
    },
    multiple_choice: function (form) {
      var picked = form.querySelector("input[type=radio]:checked");
      if (!picked) throw new AnswerError("Pick one of the choices.");
      return { choice: Number(picked.value) };
    },
  };
  readers.reachable = readers.objects;
  readers.gc_freed = readers.objects;
  readers.refcount_leak = readers.objects;
  readers.pending = readers.objects;  // the same checkboxes, one per function (templates/.../_pending.html)

  /** Label -> function name of a pending question's options, for naming them in the feedback. */
  function functionNames(form) {
    var names = {};
    Array.prototype.forEach.call(form.querySelectorAll("[data-pending] input[type=checkbox]"), function (box) {
      names[box.value] = box.getAttribute("data-name") || "";
    });
    return names;
  }

  /* ---------- Showing results ---------- */

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function formatValue(value) {
    if (value === undefined) return "nothing";
    if (value !== null && typeof value === "object" && "object" in value) {
      return value.object === null ? "an object without a label" : "object " + value.object;
    }
    if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
    return describePrimitive(value);
  }

  function describePrimitive(value) {
    if (value === null) return "null";
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (value && typeof value === "object") {
      if (value.undefined) return "undefined";
      if (value.uninitialized) return "uninitialized";
      if ("number" in value) return String(value.number);
      if ("bigint" in value) return value.bigint + "n";
    }
    return JSON.stringify(value);
  }

  function formatScore(n) {
    return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, "");
  }

  /** One readable sentence for a feedback part, depending on the question kind. */
  function describePart(kind, part, names) {
    if (kind === "pending") {
      var fn = names && names[part.part] ? part.part + " (" + names[part.part] + ")" : part.part;
      if (part.correct) return fn + ": right, it is still waiting.";
      if (part.expected === true) return fn + ": missed, it is still waiting.";
      return fn + ": picked, but it is not waiting.";
    }
    if (kind === "reachable" || kind === "gc_freed" || kind === "refcount_leak") {
      var what = { reachable: "reachable", gc_freed: "freed by that gc()", refcount_leak: "a reference-counting leak" }[kind];
      if (part.correct) return part.part + ": right, it is " + what + ".";
      if (part.expected === true) return part.part + ": missed, it is " + what + ".";
      return part.part + ": picked, but it is not " + what + ".";
    }
    if (kind === "overflow" && part.part === "overflows") {
      return "Overflows: " + (part.correct ? "right" : "you said " + (part.given ? "yes" : "no") + ", the answer is " + (part.expected ? "yes" : "no")) + ".";
    }
    if (kind === "overflow" && part.part === "line") {
      if (part.expected === null) return "Line: " + (part.correct ? "right, there is no overflow line." : "the program does not overflow.");
      if (part.correct) return "Line: right, line " + part.expected + ".";
      return "Line: " + (part.given === null ? "you gave none" : "you said line " + part.given) + "; it overflows at line " + part.expected + ".";
    }
    if ((kind === "stack" || kind === "output") && !part.correct && (part.given === null || part.expected === null)) {
      var what = kind === "stack" ? "frame" : "line";
      var name = part.part.charAt(0).toUpperCase() + part.part.slice(1);
      if (Array.isArray(part.given)) return "Extra frames that are not on the stack there: " + part.given.join(", ") + ".";
      if (part.given === null) return name + ": missing, expected " + formatValue(part.expected) + ".";
      return name + ": " + formatValue(part.given) + " is one " + what + " too many.";
    }
    if (kind === "stack" && Array.isArray(part.given)) {
      return "Extra frames that are not on the stack there: " + part.given.join(", ") + ".";
    }
    if (kind === "multiple_choice") return part.correct ? "Right choice." : "Not that one.";
    var label = kind === "locals" ? part.part : part.part.charAt(0).toUpperCase() + part.part.slice(1);
    if (part.correct) return label + ": right (" + formatValue(part.expected) + ").";
    return label + ": you gave " + formatValue(part.given) + ", expected " + formatValue(part.expected) + ".";
  }

  function renderStatus(box, attempt, maxPoints) {
    var status = el("div", "status");
    if (attempt.status === "pending") {
      status.appendChild(el("span", "spinner"));
      status.appendChild(el("span", "", attempt.message || "Grading your answer…"));
    } else if (attempt.status === "failed") {
      status.classList.add("failed");
      status.appendChild(el("span", "", "Grading failed: " + (attempt.message || "the engine could not grade this attempt.")));
    } else {
      var score = Number(attempt.score || 0);
      var max = Number(attempt.max_score || maxPoints || 0);
      status.classList.add(score >= max && max > 0 ? "full" : score > 0 ? "partial" : "zero");
      status.appendChild(el("span", "score-num", formatScore(score) + " / " + formatScore(max)));
      status.appendChild(el("span", "", score >= max && max > 0 ? "All right!" : score > 0 ? "Partly right." : "Not right yet."));
    }
    box.appendChild(status);
    if (attempt.status === "graded" && attempt.credit && attempt.credit.late) {
      // the assignment's late rule as it stood when this answer was submitted (assignments/)
      box.appendChild(el("p", "late-credit",
        "Submitted late: it earns " + formatScore(attempt.credit.multiplier * 100) + "% of its score, " +
        formatScore(Number(attempt.credit.credited_score || 0)) + " / " + formatScore(Number(attempt.max_score || maxPoints || 0)) + "."));
    }
  }

  function renderFeedback(box, kind, attempt, names) {
    var parts = Array.isArray(attempt.feedback) ? attempt.feedback : [];
    if (!parts.length) return;
    var list = el("ul", "feedback");
    list.setAttribute("aria-label", "Feedback per part");
    parts.forEach(function (part) {
      var item = el("li", part.correct ? "ok" : "bad");
      var mark = el("span", "mark", part.correct ? "✓" : "✗");
      mark.setAttribute("aria-hidden", "true");
      item.appendChild(mark);
      item.appendChild(el("span", "visually-hidden", part.correct ? "Correct: " : "Wrong: "));
      item.appendChild(el("span", "", describePart(kind, part, names)));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  /* ---------- The question controller ---------- */

  function Question(form) {
    this.form = form;
    this.kind = form.getAttribute("data-kind");
    this.points = Number(form.getAttribute("data-points"));
    this.result = form.parentNode.querySelector("[data-result]");
    this.error = form.querySelector("[data-submit-error]");
    this.button = form.querySelector("button[type=submit]");
    this.best = form.querySelector("[data-best]");
    this.diagram = form.parentNode.querySelector("[data-diagram]");
    this.timer = null;
    var self = this;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    var last = form.getAttribute("data-last-attempt");
    if (last) this.awaitResult(last, Date.now(), true, 0);
  }

  Question.prototype.showError = function (message, field) {
    this.error.textContent = message;
    if (field && field.focus) field.focus();
  };

  Question.prototype.busy = function (on) {
    this.button.disabled = on;
    this.button.setAttribute("aria-busy", on ? "true" : "false");
  };

  Question.prototype.submit = function () {
    var self = this;
    this.showError("");
    var answer;
    try {
      answer = readers[this.kind](this.form);
    } catch (error) {
      if (!(error instanceof AnswerError)) throw error;
      this.showError(error.message, error.field);
      return;
    }
    this.busy(true);
    this.renderAttempt({ status: "pending" });
    fetch(this.form.getAttribute("data-submit-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ question: Number(this.form.getAttribute("data-question")), answer: answer }),
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (reply) {
        if (reply.status === 202 || reply.status === 201) {
          self.awaitResult(reply.body.id, Date.now(), false, 0);
          return;
        }
        self.busy(false);
        self.result.textContent = "";
        self.showError(errorMessage(reply));
      })
      .catch(function () {
        self.busy(false);
        self.result.textContent = "";
        self.showError("Could not reach the server. Check your connection and submit again.");
      });
  };

  function errorMessage(reply) {
    var body = reply.body || {};
    if (reply.status === 403 && !body.message && !body.detail) return "You are not allowed to answer this question. Are you logged in and enrolled?";
    var message = (body.error && (body.error.message || body.error)) || body.message || body.detail || "";
    if (typeof message !== "string") message = JSON.stringify(message);
    return message || "The server could not accept this answer (HTTP " + reply.status + ").";
  }

  /** Long-poll the attempt until it is graded or failed; a few retries ride out a dropped connection. */
  Question.prototype.awaitResult = function (id, started, quiet, failures) {
    var self = this;
    var url = fromTemplate(this.form.getAttribute("data-attempt-url"), id) + "?wait=" + WAIT_SECONDS;
    window.clearTimeout(this.timer);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (attempt) {
        if (attempt.status === "pending") {
          if (!quiet) self.renderAttempt(attempt, Date.now() - started > POLL_PATIENCE_MS);
          self.timer = window.setTimeout(function () { self.awaitResult(id, started, quiet, 0); }, PENDING_PAUSE_MS);
          return;
        }
        self.busy(false);
        self.renderAttempt(attempt);
        if (attempt.status === "graded") {
          self.updateBest(attempt);
          self.showMemory(attempt);
        }
      })
      .catch(function () {
        if (failures < RETRY_MS.length) {
          self.timer = window.setTimeout(function () { self.awaitResult(id, started, quiet, failures + 1); }, RETRY_MS[failures]);
          return;
        }
        self.busy(false);
        self.showError("Lost contact with the server while grading. Reload the page to see the result.");
      });
  };

  Question.prototype.renderAttempt = function (attempt, slow) {
    var box = this.result;
    box.textContent = "";
    renderStatus(box, attempt, this.points);
    if (attempt.status === "pending" && slow) {
      box.appendChild(el("p", "best", "This is taking longer than usual; the result will appear here as soon as it is ready."));
    }
    if (attempt.status === "graded") renderFeedback(box, this.kind, attempt, functionNames(this.form));
  };

  Question.prototype.updateBest = function (attempt) {
    this.button.textContent = "Submit again";
    if (!this.best) return;
    var counted = attempt.credit ? attempt.credit.credited_score : attempt.score;  // late credit applied
    if (this.points > 0 && Number(attempt.score || 0) >= this.points) this.form.setAttribute("data-completed", "true");
    var best = Math.max(Number(this.best.getAttribute("data-best") || 0), Number(counted || 0));
    this.best.setAttribute("data-best", String(best));
    this.best.textContent = "Best score: " + formatScore(best) + " / " + formatScore(this.points);
    updateExerciseScore();
  };

  /** The exercise's score card: the sum of the best scores of its questions. */
  function updateExerciseScore() {
    var card = document.querySelector("[data-exercise-score]");
    if (!card) return;
    var total = 0, max = 0, complete = 0;
    Array.prototype.forEach.call(document.querySelectorAll("form[data-question]"), function (form) {
      var points = Number(form.getAttribute("data-points"));
      var bestNode = form.querySelector("[data-best]");
      var best = bestNode ? Number(bestNode.getAttribute("data-best") || 0) : 0;
      total += best;
      max += points;
      if (points > 0 && (best >= points || form.getAttribute("data-completed") === "true")) complete += 1;
    });
    var fraction = max ? total / max : 0;
    var bar = card.querySelector("[role=progressbar]");
    bar.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    bar.setAttribute("aria-valuetext", formatScore(total) + " of " + formatScore(max) + " points");
    bar.querySelector("rect").setAttribute("width", String(Math.round(fraction * 100)));
    card.querySelector(".progress > span:last-child").textContent = formatScore(total) + " / " + formatScore(max) + " pts";
    var done = card.querySelector("[data-complete]");
    if (done) done.textContent = String(complete);
  }

  Question.prototype.showMemory = function (attempt) {
    if (this.diagram && attempt.memory) window.Memcourse.showMemory(this.diagram, attempt);
    document.dispatchEvent(new CustomEvent("memcourse:graded"));
  };

  /* ---------- The run: fetched once, shared by the feedback diagrams and the player ---------- */

  var runRequest = null;

  function loadRun() {
    var section = document.querySelector("[data-player-section]");
    if (!section) return Promise.reject(new Error("This page has no run to show."));
    if (!runRequest) {
      runRequest = fetch(section.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            if (!response.ok) throw new Error((body.error && body.error.message) || "Could not load the run (HTTP " + response.status + ").");
            return body;
          });
        });
      runRequest.catch(function () { runRequest = null; });  // a later click tries again
    }
    return runRequest;
  }

  function memviewReady() {
    return window.MemView && typeof window.MemView.mount === "function";
  }

  /* ---------- The player section ---------- */

  var player = null;

  /** Open the step-through player: at a checkpoint (with the feedback's marks there) or at the start. */
  function openPlayer(options) {
    var section = document.querySelector("[data-player-section]");
    if (!section) return;
    var box = section.querySelector("[data-player]");
    var note = section.querySelector("[data-player-note]");
    section.querySelector("[data-player-locked]").hidden = true;
    box.hidden = false;
    note.textContent = "Loading the run…";
    loadRun()
      .then(function (run) {
        if (!memviewReady()) throw new Error("The memory player did not load; reload the page.");
        if (player && player.destroy) player.destroy();
        box.textContent = "";
        player = window.MemView.mount(box, {
          trace: run.trace,
          source: run.source,
          labels: run.labels || {},
          start: options.start || { step: 0 },
          marks: options.marks,
          markCheckpoint: options.markCheckpoint,
        });
        note.textContent = options.caption || "";
        section.scrollIntoView({ block: "start", behavior: "smooth" });
        var focusable = box.querySelector("input.mv-slider") || box.querySelector("button");
        if (focusable) focusable.focus({ preventScroll: true });
      })
      .catch(function (error) {
        note.textContent = error.message;
      });
  }

  function unlockPlayer() {
    var section = document.querySelector("[data-player-section]");
    if (!section) return;
    section.querySelector("[data-player-locked]").hidden = true;
    section.querySelector("[data-player-open]").hidden = false;
  }

  /* ---------- Feedback: the answer beside the truth ---------- */

  var KIND_TEXT = { extra: "Extra", missing: "Missing", wrong: "Wrong" };

  function answerText(kind, answer) {
    if (!answer) return "";
    if (Array.isArray(answer.frames)) return answer.frames.length ? answer.frames.join(" → ") + " (innermost first)" : "no frames";
    if (Array.isArray(answer.objects)) {
      return answer.objects.length ? answer.objects.join(", ") : kind === "pending" ? "no functions" : "no objects";
    }
    if (answer.values) {
      return Object.keys(answer.values).map(function (name) { return name + " = " + formatValue(answer.values[name]); }).join(", ");
    }
    return "";
  }

  function comparisonList(comparison) {
    var list = el("ul", "compare-list");
    list.setAttribute("aria-label", "Where your answer differs from memory");
    comparison.items.forEach(function (item) {
      var li = el("li", "compare-" + item.kind);
      var tag = el("span", "compare-tag", KIND_TEXT[item.kind] || item.kind);
      li.appendChild(tag);
      li.appendChild(document.createTextNode(" " + item.text));
      list.appendChild(li);
    });
    return list;
  }

  function renderComparison(panel, attempt) {
    var comparison = attempt.comparison;
    var grid = el("div", "compare-grid");
    var mine = el("div", "compare-answer");
    mine.appendChild(el("h4", "", "Your answer"));
    var given = answerText(comparison.kind, attempt.answer);
    if (given) mine.appendChild(el("p", "compare-given", given));
    if (comparison.right) mine.appendChild(el("p", "compare-right", "It matches memory at this point."));
    else mine.appendChild(comparisonList(comparison));
    grid.appendChild(mine);

    var truth = el("div", "compare-truth");
    truth.appendChild(el("h4", "", "Memory there"));
    var holder = el("div", "diagram-holder");
    holder.setAttribute("data-feedback-diagram", "");
    holder.textContent = "Loading the diagram…";
    truth.appendChild(holder);
    grid.appendChild(truth);
    panel.appendChild(grid);

    var open = el("button", "btn secondary small", "Open the player at checkpoint “" + comparison.name + "”");
    open.type = "button";
    open.setAttribute("data-open-player", String(comparison.checkpoint));
    open.addEventListener("click", function () {
      openPlayer({
        start: { checkpoint: comparison.checkpoint },
        marks: comparison.marks,
        markCheckpoint: comparison.checkpoint,
        caption: "At checkpoint “" + comparison.name + "” (line " + comparison.line + "), with your answer marked.",
      });
    });
    panel.appendChild(open);

    loadRun()
      .then(function (run) {
        if (!memviewReady()) throw new Error("The memory diagram did not load; reload the page.");
        holder.textContent = "";
        window.MemView.mountDiagram(holder, {
          trace: run.trace, checkpoint: comparison.checkpoint, labels: run.labels || {}, marks: comparison.marks,
        });
      })
      .catch(function (error) {
        holder.textContent = error.message;
      });
  }

  /** The panel of a graded question: the answer beside the true memory at its checkpoint, output and error. */
  window.Memcourse = window.Memcourse || {};
  window.Memcourse.showMemory = function (panel, attempt) {
    var memory = attempt.memory;
    panel.textContent = "";
    panel.hidden = false;
    var comparison = attempt.comparison;
    panel.appendChild(el("h3", "", comparison ? "Your answer beside the truth" : "What the program really does"));
    if (comparison) {
      panel.appendChild(el("p", "diagram-caption",
        "At checkpoint “" + comparison.name + "” (line " + comparison.line + "). Arrows are references; greyed " +
        "objects are garbage. The diagram marks what you said that is not so, and what you left out."));
      renderComparison(panel, attempt);
    }
    if (Array.isArray(memory.output)) {
      var out = el("div", "memory-output");
      out.appendChild(el("strong", "", "Output"));
      out.appendChild(el("pre", "", memory.output.length ? memory.output.join("\n") : "(nothing printed)"));
      panel.appendChild(out);
    }
    if (memory.error) {
      panel.appendChild(el("p", "memory-error",
        "The program ends with " + memory.error.name + ": " + memory.error.message +
        (memory.error.line ? " (line " + memory.error.line + ")" : "")));
    }
  };

  /** "checkpoint “x”, line 12" links: bring that line of the program into view and flash it. */
  function gotoLine(event) {
    var link = event.target.closest && event.target.closest("[data-goto-line]");
    if (!link) return;
    var listing = document.getElementById("program");
    var line = listing && listing.querySelector('.line[data-line="' + link.getAttribute("data-goto-line") + '"]');
    if (!line) return;
    event.preventDefault();
    listing.focus({ preventScroll: true });
    line.scrollIntoView({ block: "center", behavior: "smooth" });
    line.classList.remove("flash");
    void line.offsetWidth;  // restart the animation
    line.classList.add("flash");
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-question]"), function (form) {
      new Question(form);
    });
    document.addEventListener("click", gotoLine);
    var section = document.querySelector("[data-player-section]");
    if (section) {
      section.querySelector("[data-player-open]").addEventListener("click", function () {
        openPlayer({ start: { step: 0 } });
      });
      document.addEventListener("memcourse:graded", unlockPlayer);
    }
  });
})();
