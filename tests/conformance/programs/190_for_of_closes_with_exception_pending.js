// A for-of left by a throw closes its generator with the exception pending (a root); the last value stays in its register; a var loop closed by break.
function* items() {
  try {
    yield { id: 1 };
    checkpoint("second fetch");
    yield { id: 2 };
    yield { id: 3 };
  } finally {
    checkpoint("generator closing");
  }
}
const kept = [];
function run() {
  for (const { id } of items()) {
    const label = "item " + id;
    kept.push(() => label);
    if (id === 2) {
      throw new Error("stop at " + id);
    }
  }
}
try {
  run();
} catch (e) {
  checkpoint("caught");
  console.log(e.message, kept.length);
}
let last;
for (var v of items()) {
  last = v;
  if (v.id === 1) break;
}
checkpoint("after var loop");
