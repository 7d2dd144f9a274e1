// Run test262 tests in node, each in a new context (a new realm), as tests/test262/runner.py runs them in the
// engine: the same harness files, sloppy mode, `print` and a minimal `$262`. Reads {root, tests: [{path, includes,
// flags}]} as JSON on stdin; writes one JSON line per test: {path, phase, name, message, output}, phase being
// "parse", "runtime" or "" (no error). runner.py judges the result exactly as it judges the engine's.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const job = JSON.parse(fs.readFileSync(0, "utf8"));
const harness = new Map();
const read = (name) => {
  if (!harness.has(name)) harness.set(name, fs.readFileSync(path.join(job.root, "harness", name), "utf8"));
  return harness.get(name);
};
process.on("unhandledRejection", () => {}); // a test's own rejected promises are its business

function describe(e) {
  if (e !== null && (typeof e === "object" || typeof e === "function")) {
    let name = "";
    try { name = e.constructor && e.constructor.name; } catch (_) {}
    try { name = name || String(e.name); } catch (_) {}
    let message = "";
    try { message = String(e.message); } catch (_) {}
    return { name, message };
  }
  return { name: "Uncaught", message: typeof e === "string" ? `'${e}'` : String(e) };
}

async function runOne(t) {
  const test = fs.readFileSync(path.join(job.root, t.path), "utf8");
  const raw = t.flags.includes("raw");
  const names = ["assert.js", "sta.js"];
  if (t.flags.includes("async")) names.push("doneprintHandle.js");
  for (const n of t.includes) if (!names.includes(n)) names.push(n);
  const source = raw ? test : names.map(read).join("\n") + "\n" + test;
  const output = [];
  const context = vm.createContext({});
  context.print = (v) => { output.push(String(v)); };
  context.$262 = { global: vm.runInContext("this", context), gc() { if (global.gc) global.gc(); } };
  let script;
  try {
    script = new vm.Script(source, { filename: t.path });
  } catch (e) {
    return { path: t.path, phase: "parse", ...describe(e), output };
  }
  try {
    script.runInContext(context, { timeout: 10000 });
  } catch (e) {
    return { path: t.path, phase: "runtime", ...describe(e), output };
  }
  if (t.flags.includes("async")) {
    for (let i = 0; i < 100 && !output.some((l) => l.startsWith("Test262:Async")); i++) {
      await new Promise((r) => setImmediate(r));
    }
  }
  return { path: t.path, phase: "", name: "", message: "", output };
}

(async () => {
  for (const t of job.tests) {
    let r;
    try {
      r = await runOne(t);
    } catch (e) {
      r = { path: t.path, phase: "runtime", name: "RunnerError", message: String(e), output: [] };
    }
    process.stdout.write(JSON.stringify(r) + "\n");
  }
})();
