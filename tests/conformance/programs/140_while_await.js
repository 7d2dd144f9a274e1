// A while loop that awaits until a condition set by a timer holds.
let ready = false;
setTimeout(() => {
  ready = true;
}, 250);
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
async function waitUntilReady() {
  let polls = 0;
  while (!ready) {
    polls += 1;
    await sleep(100);
  }
  checkpoint("ready");
  return polls;
}
waitUntilReady().then((polls) => console.log("polled", polls, "times"));
