async function waitForever(tag) {
  const big = { tag, data: [1, 2, 3] };
  await new Promise(() => {});
  console.log("never", big);
}
waitForever("lost");
let keep = new Promise(() => {});
async function waitOnKept() {
  const held = { kept: true };
  await keep;
  return held;
}
waitOnKept();
setTimeout(() => {
  gc();
  checkpoint("later");
}, 10);
