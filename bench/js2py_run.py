"""Run one ES5 program with js2py, untraced, as a whole process (bench/engine_bench.py times this process).

    .venv/bin/python bench/js2py_run.py FILE.js

Prints one JSON line: {"seconds": time inside the process to execute the program (js2py import excluded),
"output": the lines console.log printed}. `checkpoint` and `gc` are no-op functions; a program that makes a Map or a Set gets a small ES5 polyfill of them
first (js2py has neither). An empty FILE measures
js2py's own start-up.
"""

from __future__ import annotations

import json
import sys
import time
import warnings

# js2py's console.log prints Python reprs; the programs only log numbers and strings, so joining is util.format.
JS2PY_PRELUDE = (
    "function checkpoint() {}\nfunction gc() {}\n"
    "var __lines = [];\n"
    "console.log = function () { __lines.push(Array.prototype.join.call(arguments, ' ')); };\n"
)
# js2py has no Map or Set (ES5.1): the smallest insertion-ordered polyfill the programs need (get, set, has, add,
# forEach, size; keys are primitives), as an ES5 site would load one. Only map_set.js uses it.
COLLECTIONS_POLYFILL = """
var __key = function (k) { return (typeof k) + ":" + k; };
Map = function () { this._i = {}; this._k = []; this._v = []; this.size = 0; };
Map.prototype.get = function (k) { var i = this._i[__key(k)]; return i === undefined ? undefined : this._v[i]; };
Map.prototype.has = function (k) { return this._i[__key(k)] !== undefined; };
Map.prototype.set = function (k, v) {
  var h = __key(k), i = this._i[h];
  if (i === undefined) { this._i[h] = this._k.length; this._k.push(k); this._v.push(v); this.size++; }
  else this._v[i] = v;
  return this;
};
Map.prototype.forEach = function (f) { for (var i = 0; i < this._k.length; i++) f(this._v[i], this._k[i], this); };
Set = function () { this._m = new Map(); this.size = 0; };
Set.prototype.has = function (k) { return this._m.has(k); };
Set.prototype.add = function (k) { this._m.set(k, k); this.size = this._m.size; return this; };
Set.prototype.forEach = function (f) { var s = this; this._m.forEach(function (v) { f(v, v, s); }); };
"""


def main(path: str) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import js2py

        source = open(path, encoding="utf-8").read()
        context = js2py.EvalJs()
        start = time.perf_counter()
        prelude = JS2PY_PRELUDE + (COLLECTIONS_POLYFILL if "new Map" in source or "new Set" in source else "")
        context.execute(prelude + source)
        seconds = time.perf_counter() - start
    lines = [str(line) for line in context.eval("__lines").to_list()]
    print(json.dumps({"seconds": seconds, "output": lines}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
