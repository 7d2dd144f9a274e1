// Promises made up front run their timers at once; awaiting them in order only orders the reading.
function after(ms, label) {
  return new Promise((resolve) => setTimeout(() => {
    console.log("settled", label);
    resolve(label);
  }, ms));
}
async function readInOrder() {
  const pending = [after(300, "one"), after(100, "two"), after(200, "three")];
  const results = [];
  for (const p of pending) {
    results.push(await p);
    console.log("read", results[results.length - 1]);
  }
  return results;
}
readInOrder().then((r) => console.log(r.join("+")));
