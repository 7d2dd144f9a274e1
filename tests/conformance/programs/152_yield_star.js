// yield* runs an inner generator inside the outer one; both frames are on the stack while it runs.
function* inner(tag) {
  const local = { tag };
  checkpoint("in inner " + tag);
  yield tag + "-1";
  yield tag + "-2";
  return tag + " done";
}
function* outer() {
  const result = yield* inner("x");
  console.log("inner returned", result);
  yield "outer end";
}
const it = outer();
const parts = [];
let step = it.next();
while (!step.done) {
  parts.push(step.value);
  step = it.next();
}
console.log(parts);
