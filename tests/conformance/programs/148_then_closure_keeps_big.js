// A then callback on a pending promise keeps what it captured until the promise settles and the job runs.
let release;
const signal = new Promise((resolve) => {
  release = resolve;
});
function attach() {
  const report = { lines: ["a", "b", "c"] };
  signal.then(() => console.log("report has", report.lines.length, "lines"));
}
attach();
checkpoint("attached");
setTimeout(() => {
  release();
  checkpoint("released, job queued");
}, 100);
setTimeout(function afterwards() {
  gc();
  checkpoint("job ran");
}, 200);
