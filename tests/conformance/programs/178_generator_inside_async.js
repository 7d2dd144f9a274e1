// A generator consumed by an async function: both stay suspended, held by the pending timer.
function* ids() {
  let next = 100;
  while (true) yield next++;
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
async function assign(names) {
  const gen = ids();
  const out = {};
  for (const name of names) {
    out[name] = gen.next().value;
    await sleep(100);
  }
  return out;
}
assign(["ann", "bob"]).then((out) => console.log(out));
setTimeout(function peek() {
  checkpoint("both suspended");
}, 150);
