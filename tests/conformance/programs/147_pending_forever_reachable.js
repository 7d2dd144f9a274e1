// The same async function stays reachable while the promise it awaits is referenced from a global.
const waiting = [];
async function stuck() {
  const big = { rows: [1, 2, 3] };
  const gate = new Promise(() => {});
  waiting.push(gate);
  await gate;
  console.log("never", big.rows.length);
}
stuck();
setTimeout(function later() {
  gc();
  checkpoint("still held");
  waiting.length = 0;
  gc();
  checkpoint("released");
}, 100);
