// A timer set from a timer is due relative to when it was set.
let depth = 0;
function step(label) {
  depth += 1;
  console.log("step", label, depth);
  if (depth < 3) {
    const next = { label: label + "+" };
    setTimeout(() => step(next.label), 100);
  } else {
    checkpoint("deepest");
  }
}
setTimeout(() => step("a"), 100);
setTimeout(() => console.log("between", depth), 250);
