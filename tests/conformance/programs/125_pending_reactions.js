// A pending promise keeps the callbacks waiting on it, and what they captured.
let settle;
const gate = new Promise((resolve) => {
  settle = resolve;
});
function waitFor(name) {
  const record = { name, at: "waiting" };
  gate.then(() => console.log("released", record.name));
}
waitFor("first");
waitFor("second");
checkpoint("two waiting");
setTimeout(function open() {
  settle("go");
  checkpoint("settled");
}, 100);
