/* memview/values.js: values and references of the engine trace (shared/contracts/engine-trace.md).

   A value is a JSON primitive, {"undefined": true}, {"uninitialized": true}, {"number": "NaN"}, {"symbol": ...},
   or a reference: {"site": "3:15#1"} or {"ref": "@17"} ({"site": null} is an object the trace cannot name).
   A property holding an accessor is {"getter": ref|null, "setter": ref|null}.

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
    // Links the language keeps but does not show (a method's home object, the frames an Error captured).
    if (Array.isArray(obj.internal)) obj.internal.forEach(function (value) { add("[[Internal]]", value); });
    return edges;
  }

  /** A short kind text: "Node", "array", "function makeCounter", "closure scope". */
  function kindText(obj) {
    if (!isPlainObject(obj)) return "object";
    var type = obj.type || "object";
    if (type === "function" || type === "class") return obj.name ? type + " " + obj.name : type;
    if (type === "scope") return obj["class"] === "Script" ? "script scope" : "closure scope";
    if (obj["class"] && obj["class"] !== "Object" && obj["class"] !== "Array" && obj["class"] !== "Function") {
      return obj["class"];
    }
    return type;
  }

  /** The name shown for a heap key: its label when the page gave one, else the key itself. */
  function displayName(key, labels) {
    if (labels && Object.prototype.hasOwnProperty.call(labels, key)) return String(labels[key]);
    return String(key);
  }

  /**
   * Names for objects without a site ("@17" -> "scope 1", "array 2", "Map 1"), numbered per kind in the order
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
    var kind = type === "object" ? (obj && obj["class"] && obj["class"] !== "Object" ? obj["class"] : "object") : type;
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
    displayName: displayName,
  };
});
