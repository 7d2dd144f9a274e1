// Arrow functions and methods cannot be called with new.
const makePoint = (x, y) => ({ x, y });
const tools = { build() { return {}; } };
try {
  new makePoint(1, 2);
} catch (e) {
  console.log(e.name + ": " + e.message);
}
try {
  new tools.build();
} catch (e) {
  console.log(e.message);
  checkpoint("caught");
}
const p = makePoint(1, 2);
new p();
