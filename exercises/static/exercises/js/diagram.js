/* The memory diagram: the call stack (frames with their locals) beside the heap (objects with their
   properties), references drawn as SVG arrows, unreachable objects dashed and greyed.

   Input is one checkpoint of the engine trace after the server has replaced engine object ids with
   student-facing labels (exercises/labels.py, Labeler.checkpoint): a reference is {"object": "B#2"}, the heap
   is keyed by label. Objects without a site keep the engine's id ("@17") as key.

   Memcourse.renderDiagram(container, checkpoint, options) draws into `container` and returns nothing. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var MAX_OBJECTS = 150;
  var MAX_ROWS = 60;
  var STACK_WIDTH = 176;            // px: the call-stack column when it cannot be measured
  var DIAGRAM_CHROME = 48 + 32;     // px: the gap after the stack column and the padding (see .memory in app.css)
  var HEAP_COLUMN_WIDTH = 184 + 28; // px: one heap column and its gap
  var NARROW = 560;                 // px: below this width the heap goes under the stack

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** The heap key a value refers to, or undefined when it is not a reference. */
  function refTarget(value) {
    if (!isObject(value)) return undefined;
    if ("object" in value) return value.object;          // labelled reference ("B#2" or null)
    if ("site" in value) return value.site;              // unlabelled engine reference
    if ("ref" in value) return value.ref;                // engine id of an object without a site
    return undefined;
  }

  function domId(prefix, key) {
    return prefix + "-" + String(key).replace(/[^A-Za-z0-9_-]/g, function (c) {
      return "_" + c.charCodeAt(0).toString(16);
    });
  }

  /** Text (and a css class) for a primitive or special value. */
  function describePrimitive(value) {
    if (value === null) return { text: "null", cls: "val-special" };
    if (typeof value === "string") return { text: JSON.stringify(value), cls: "val-str" };
    if (typeof value === "number") return { text: String(value), cls: "val-num" };
    if (typeof value === "boolean") return { text: String(value), cls: "val-bool" };
    if (isObject(value)) {
      if (value.undefined) return { text: "undefined", cls: "val-undef" };
      if (value.uninitialized) return { text: "uninitialized", cls: "val-undef" };
      if ("number" in value) return { text: String(value.number), cls: "val-num" };
      if ("bigint" in value) return { text: String(value.bigint) + "n", cls: "val-num" };
      if ("symbol" in value) return { text: "Symbol(" + (value.symbol || "") + ")", cls: "val-special" };
    }
    return { text: JSON.stringify(value), cls: "val-special" };
  }

  function Diagram(container, checkpoint, options) {
    this.container = container;
    this.checkpoint = checkpoint || {};
    this.options = options || {};
    this.heap = isObject(this.checkpoint.heap) ? this.checkpoint.heap : {};
    this.garbage = new Set(this.checkpoint.garbage || []);
    this.leaked = new Set(this.checkpoint.refcount_leaked || []);
    this.idPrefix = this.options.idPrefix || "mem";
    this.links = [];
  }

  /** What to call an object: its label, or for an object without one ("@17"), "scope 1", "object 2"... */
  Diagram.prototype.nameOf = function (key) {
    if (String(key).charAt(0) !== "@") return String(key);
    if (!this.aliases[key]) {
      var obj = this.heap[key] || {};
      var kind = obj.type === "scope" ? "scope" : obj.type === "array" ? "array" : "object";
      this.aliasCount[kind] = (this.aliasCount[kind] || 0) + 1;
      this.aliases[key] = kind + " " + this.aliasCount[kind];
    }
    return this.aliases[key];
  };

  Diagram.prototype.valueCell = function (value, sourceKey) {
    var target = refTarget(value);
    if (target === undefined) {
      var prim = describePrimitive(value);
      return el("td", { className: "v" }, [el("span", { className: prim.cls, text: prim.text })]);
    }
    var cell = el("td", { className: "v ref" });
    if (target === null || !this.visible.has(target)) {
      var script = target !== null && isScriptScope(this.heap[target]);
      cell.appendChild(el("span", {
        className: "ref-chip nosite",
        title: script ? "the script's top-level scope: its bindings are the <global> frame's" :
          "an object created by a built-in (it has no allocation site)",
        text: script ? "script scope" : "built-in object",
      }));
      return cell;
    }
    var chip = el("a", {
      className: "ref-chip" + (this.garbage.has(target) ? " to-garbage" : ""),
      href: "#" + domId(this.idPrefix + "-obj", target),
      "data-target": target,
      "aria-label": "refers to " + (String(target).charAt(0) === "@" ? "" : "object ") + this.nameOf(target),
      text: "→ " + this.nameOf(target),
    });
    this.links.push({ chip: chip, target: target, fromGarbage: this.garbage.has(sourceKey) });
    cell.appendChild(chip);
    return cell;
  };

  Diagram.prototype.rows = function (pairs, sourceKey) {
    var self = this;
    var tbody = el("tbody");
    if (!pairs.length) {
      tbody.appendChild(el("tr", { className: "empty-row" }, [el("td", { colspan: "2", text: "(empty)" })]));
    }
    pairs.slice(0, MAX_ROWS).forEach(function (pair) {
      tbody.appendChild(el("tr", {}, [el("td", { className: "k", text: pair[0] }), self.valueCell(pair[1], sourceKey)]));
    });
    if (pairs.length > MAX_ROWS) {
      tbody.appendChild(el("tr", { className: "empty-row" }, [
        el("td", { colspan: "2", text: "… " + (pairs.length - MAX_ROWS) + " more" }),
      ]));
    }
    return el("table", {}, [tbody]);
  };

  Diagram.prototype.frameBox = function (frame, locals, index) {
    var pairs = Object.keys(locals || {}).map(function (name) { return [name, locals[name]]; });
    var head = el("div", { className: "head" }, [
      el("span", { className: "fn", text: frame["function"] }),
      frame.line ? el("span", { className: "at", text: "line " + frame.line }) : null,
    ]);
    return el("section", {
      className: "frame" + (index === 0 ? " innermost" : ""),
      "aria-label": "frame " + frame["function"] + (frame.line ? ", at line " + frame.line : ""),
    }, [head, this.rows(pairs, null)]);
  };

  /** (name, value) rows of a heap object, whatever its type. */
  function objectPairs(obj) {
    var pairs = [];
    if (Array.isArray(obj.items)) {
      obj.items.forEach(function (item, i) { pairs.push([String(i), item]); });
    }
    if (Array.isArray(obj.entries)) {
      obj.entries.forEach(function (entry) {
        if (Array.isArray(entry) && entry.length === 2) {
          var key = describePrimitive(entry[0]);
          var keyTarget = refTarget(entry[0]);
          pairs.push([keyTarget !== undefined ? "key " + (keyTarget || "object") : key.text, entry[1]]);
        } else {
          pairs.push(["•", entry]);
        }
      });
    }
    if (isObject(obj.props)) {
      Object.keys(obj.props).forEach(function (name) { pairs.push([name, obj.props[name]]); });
    }
    // Internal links the engine reports: a function's scope, a scope's parent, a WeakRef's or bound function's target.
    ["scope", "parent", "target"].forEach(function (field) {
      if (obj[field] !== null && typeof obj[field] === "object") pairs.push(["[[" + field + "]]", obj[field]]);
    });
    // A prototype is worth a row only when the program made it (it has a label), as with Object.create(proto).
    var proto = refTarget(obj.proto);
    if (proto && String(proto).charAt(0) !== "@") pairs.push(["[[Prototype]]", obj.proto]);
    return pairs;
  }

  function kindText(obj) {
    var type = obj.type || "object";
    if (type === "function" || type === "class") return obj.name ? type + " " + obj.name : type;
    if (type === "scope") return "closure scope";
    if (obj["class"] && obj["class"] !== "Object" && obj["class"] !== "Array") return obj["class"];
    return type;
  }

  function isScriptScope(obj) {
    return obj && obj.type === "scope" && obj["class"] === "Script";
  }

  /** The heap keys worth drawing: every labelled object, and the unlabelled ones (closure scopes, results of
      built-ins) that the stack or a drawn object refers to. Built-in objects and the script scope (whose
      bindings the <global> frame already shows) are left out. */
  Diagram.prototype.visibleKeys = function () {
    var heap = this.heap;
    var visible = new Set();
    var queue = [];
    function add(key) {
      if (key === undefined || key === null || !(key in heap) || visible.has(key) || isScriptScope(heap[key])) return;
      visible.add(key);
      queue.push(key);
    }
    Object.keys(heap).forEach(function (key) { if (key.charAt(0) !== "@") add(key); });
    (this.checkpoint.locals || []).forEach(function (locals) {
      Object.keys(locals || {}).forEach(function (name) { add(refTarget(locals[name])); });
    });
    for (var i = 0; i < queue.length; i++) {
      objectPairs(heap[queue[i]]).forEach(function (pair) {
        add(refTarget(pair[1]));
        if (typeof pair[0] === "string" && pair[0].indexOf("key ") === 0) add(pair[0].slice(4));
      });
    }
    return visible;
  };

  Diagram.prototype.objectBox = function (key) {
    var obj = this.heap[key] || {};
    var pairs = objectPairs(obj);
    var garbage = this.garbage.has(key);
    var leaked = this.leaked.has(key);
    var flags = el("span", { className: "flags" }, [
      garbage ? el("span", { className: "badge", text: "unreachable" }) : null,
      leaked ? el("span", { className: "badge bad", text: "refcount leak" }) : null,
    ]);
    var head = el("div", { className: "head" }, [
      el("span", { className: "label", text: this.nameOf(key) }),
      el("span", { className: "kind", text: kindText(obj) }),
      flags,
    ]);
    var description = (key.charAt(0) === "@" ? "" : "object ") + this.nameOf(key) + ", " + kindText(obj) + (garbage ? ", unreachable" : "") + (leaked ? ", leaked under reference counting" : "");
    return el("section", {
      className: "obj" + (garbage ? " garbage" : "") + (leaked ? " leaked" : "") + (obj.type === "scope" ? " scope" : ""),
      id: domId(this.idPrefix + "-obj", key),
      tabindex: "-1",
      "data-key": key,
      "aria-label": description,
    }, [head, pairs.length || !isCallable(obj) ? this.rows(pairs, key) : null]);
  };

  function isCallable(obj) {
    return obj.type === "function" || obj.type === "class";
  }

  /** Heap keys grouped into columns by distance from the stack (breadth first), garbage last. */
  Diagram.prototype.heapColumns = function (maxColumns) {
    var heap = this.heap;
    var depth = {};
    var queue = [];
    var self = this;
    function visit(value, d) {
      var target = refTarget(value);
      if (target === undefined || target === null || !self.visible.has(target) || target in depth) return;
      if (self.garbage.has(target)) return;
      depth[target] = d;
      queue.push(target);
    }
    (this.checkpoint.locals || []).forEach(function (locals) {
      Object.keys(locals || {}).forEach(function (name) { visit(locals[name], 0); });
    });
    for (var i = 0; i < queue.length; i++) {
      objectPairs(heap[queue[i]]).forEach(function (pair) { visit(pair[1], depth[queue[i]] + 1); });
    }
    var rest = Object.keys(heap).filter(function (key) { return self.visible.has(key) && !(key in depth); });
    var reachableRest = rest.filter(function (key) { return !self.garbage.has(key); });
    var garbageRest = rest.filter(function (key) { return self.garbage.has(key); });
    // Garbage gets a column of its own when there is room; deeper objects share the last reachable column.
    var reachableColumns = Math.max(1, garbageRest.length && maxColumns > 1 ? maxColumns - 1 : maxColumns);
    var columns = [];
    queue.forEach(function (key) {
      var d = Math.min(depth[key], reachableColumns - 1);
      (columns[d] = columns[d] || []).push(key);
    });
    columns = columns.filter(Boolean);
    if (reachableRest.length) {   // reachable, but not from anything the stack shows (e.g. from a scope)
      if (columns.length < reachableColumns) columns.push(reachableRest);
      else columns[columns.length - 1] = columns[columns.length - 1].concat(reachableRest);
    }
    if (garbageRest.length) {
      if (columns.length < maxColumns || !columns.length) columns.push(garbageRest);
      else columns[columns.length - 1] = columns[columns.length - 1].concat(garbageRest);
    }
    return columns;
  };

  Diagram.prototype.render = function () {
    var self = this;
    var cp = this.checkpoint;
    this.container.textContent = "";
    this.links = [];
    this.visible = this.visibleKeys();
    this.aliases = {};
    this.aliasCount = {};
    var memory = el("div", { className: "memory" });
    var stackCol = el("div", { className: "column stack-col" }, [el("h4", { text: "Call stack" })]);
    (cp.stack || []).forEach(function (frame, i) {
      stackCol.appendChild(self.frameBox(frame, (cp.locals || [])[i], i));
    });
    if (!(cp.stack || []).length) stackCol.appendChild(el("p", { className: "heap-more", text: "The script has finished: no frames." }));

    // Lay out the stack first, so the heap gets as many columns as the remaining width holds.
    memory.appendChild(stackCol);
    this.container.appendChild(memory);
    var width = this.container.clientWidth || 800;
    if (width < NARROW) memory.classList.add("narrow");   // stack above heap on small screens
    var stackWidth = width < NARROW ? -DIAGRAM_CHROME + 32 : stackCol.getBoundingClientRect().width || STACK_WIDTH;
    var maxColumns = Math.max(1, Math.floor((width - stackWidth - DIAGRAM_CHROME + 28) / HEAP_COLUMN_WIDTH));
    var heapWrap = el("div", { className: "heap-wrap" });
    var shown = 0;
    var columns = this.heapColumns(maxColumns);
    columns.forEach(function (keys) {
      var col = el("div", { className: "column heap-col" });
      keys.forEach(function (key) {
        if (shown >= MAX_OBJECTS) return;
        col.appendChild(self.objectBox(key));
        shown += 1;
      });
      heapWrap.appendChild(col);
    });
    var total = this.visible.size;
    var heapCol = el("div", { className: "column" }, [el("h4", { text: "Heap" }), heapWrap]);
    if (!total) heapCol.appendChild(el("p", { className: "heap-more", text: "No objects." }));
    if (total > shown) heapCol.appendChild(el("p", { className: "heap-more", text: (total - shown) + " more objects not shown." }));
    memory.appendChild(heapCol);
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "arrows");
    svg.setAttribute("aria-hidden", "true");
    memory.appendChild(svg);
    this.container.appendChild(legend());
    this.memory = memory;
    this.svg = svg;
    this.drawArrows();
    this.observe();
    this.wireHighlights();
  };

  function legend() {
    function item(boxClass, text) {
      return el("li", {}, [el("span", { className: "box " + boxClass, "aria-hidden": "true" }), text]);
    }
    return el("ul", { className: "memory-legend", "aria-label": "Diagram legend" }, [
      item("", "reachable object"),
      item("garbage", "unreachable (garbage)"),
      item("leaked", "reference counting could never free it"),
    ]);
  }

  function marker(svg, id, cls) {
    var defs = svg.querySelector("defs") || svg.appendChild(document.createElementNS(SVG_NS, "defs"));
    var m = document.createElementNS(SVG_NS, "marker");
    m.setAttribute("id", id);
    m.setAttribute("viewBox", "0 0 10 10");
    m.setAttribute("refX", "9");
    m.setAttribute("refY", "5");
    m.setAttribute("markerWidth", "7");
    m.setAttribute("markerHeight", "7");
    m.setAttribute("orient", "auto-start-reverse");
    if (cls) m.setAttribute("class", cls);
    var p = document.createElementNS(SVG_NS, "path");
    p.setAttribute("d", "M 0 0 L 10 5 L 0 10 z");
    m.appendChild(p);
    defs.appendChild(m);
  }

  Diagram.prototype.drawArrows = function () {
    var svg = this.svg;
    var memory = this.memory;
    if (!svg || !memory.isConnected) return;
    svg.textContent = "";
    var arrowId = this.idPrefix + "-arrow";
    marker(svg, arrowId, "");
    marker(svg, arrowId + "-grey", "grey");
    var box = memory.getBoundingClientRect();
    svg.setAttribute("width", memory.scrollWidth);
    svg.setAttribute("height", memory.scrollHeight);
    var ox = box.left - memory.scrollLeft;
    var oy = box.top - memory.scrollTop;
    var idPrefix = this.idPrefix;
    this.links.forEach(function (link) {
      var target = document.getElementById(domId(idPrefix + "-obj", link.target));
      if (!target || !link.chip.isConnected) return;
      var a = link.chip.getBoundingClientRect();
      var b = target.getBoundingClientRect();
      var head = target.querySelector(".head").getBoundingClientRect();
      var x1 = a.right - ox + 2;
      var y1 = a.top + a.height / 2 - oy;
      var ty = head.top + head.height / 2 - oy;
      var d;
      if (b.left - ox > x1 + 12) {
        var x2 = b.left - ox - 1;
        var dx = Math.max(24, (x2 - x1) / 2);
        d = "M " + x1 + " " + y1 + " C " + (x1 + dx) + " " + y1 + ", " + (x2 - dx) + " " + ty + ", " + x2 + " " + ty;
      } else {
        // Target is in the same column or to the left: loop around the right-hand side of it.
        var xr = b.right - ox + 1;
        var bulge = Math.max(x1, xr) + 28 + Math.min(40, Math.abs(ty - y1) / 6);
        d = "M " + x1 + " " + y1 + " C " + bulge + " " + y1 + ", " + bulge + " " + ty + ", " + xr + " " + ty;
      }
      var path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      if (link.fromGarbage) path.setAttribute("class", "from-garbage");
      path.setAttribute("marker-end", "url(#" + arrowId + (link.fromGarbage ? "-grey" : "") + ")");
      svg.appendChild(path);
    });
  };

  Diagram.prototype.observe = function () {
    var self = this;
    if (this.container._memObserver) this.container._memObserver.disconnect();
    if (typeof ResizeObserver === "undefined") {
      window.addEventListener("resize", function () { self.drawArrows(); });
      return;
    }
    var pending = false;
    var observer = new ResizeObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; self.drawArrows(); });
    });
    observer.observe(this.memory);
    this.container._memObserver = observer;
  };

  Diagram.prototype.wireHighlights = function () {
    var memory = this.memory;
    var idPrefix = this.idPrefix;
    function toggle(event, on) {
      var chip = event.target.closest && event.target.closest(".ref-chip[data-target]");
      if (!chip) return;
      var target = document.getElementById(domId(idPrefix + "-obj", chip.getAttribute("data-target")));
      if (target) target.classList.toggle("highlight", on);
    }
    memory.addEventListener("mouseover", function (e) { toggle(e, true); });
    memory.addEventListener("mouseout", function (e) { toggle(e, false); });
    memory.addEventListener("focusin", function (e) { toggle(e, true); });
    memory.addEventListener("focusout", function (e) { toggle(e, false); });
    memory.addEventListener("click", function (e) {
      var chip = e.target.closest && e.target.closest(".ref-chip[data-target]");
      if (!chip) return;
      e.preventDefault();
      var target = document.getElementById(domId(idPrefix + "-obj", chip.getAttribute("data-target")));
      if (target) { target.focus({ preventScroll: false }); target.scrollIntoView({ block: "nearest", inline: "nearest" }); }
    });
  };

  window.Memcourse = window.Memcourse || {};
  window.Memcourse.renderDiagram = function (container, checkpoint, options) {
    var diagram = new Diagram(container, checkpoint, options);
    diagram.render();
    return diagram;
  };
  window.Memcourse.describeValue = describePrimitive;
})();
