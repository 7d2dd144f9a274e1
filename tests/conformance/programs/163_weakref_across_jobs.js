// A WeakRef target survives gc() inside the job that created the WeakRef, and is cleared after it ends.
let target = { name: "session" };
const ref = new WeakRef(target);
target = null;
Promise.resolve().then(function sameDrain() {
  gc();
  console.log("in a job:", ref.deref() !== undefined);
});
setTimeout(function laterTask() {
  gc();
  checkpoint("after the drain");
  console.log("in a timer:", ref.deref() === undefined ? "cleared" : "alive");
}, 100);
