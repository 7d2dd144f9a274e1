// Awaiting one by one waits for each in turn; starting both first lets their timers run together.
function wait(ms, label) {
  return new Promise((resolve) => setTimeout(() => {
    console.log("timer", label);
    resolve(label);
  }, ms));
}
async function sequential() {
  const a = await wait(200, "s1");
  const b = await wait(200, "s2");
  console.log("sequential", a, b);
}
async function parallel() {
  const pa = wait(150, "p1");
  const pb = wait(250, "p2");
  console.log("parallel", await pa, await pb);
}
sequential();
parallel();
