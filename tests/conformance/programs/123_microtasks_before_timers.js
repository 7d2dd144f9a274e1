// All microtasks run before the next timer, even ones queued by microtasks.
setTimeout(() => console.log("timeout 50"), 50);
Promise.resolve().then(() => {
  console.log("then 1");
  queueMicrotask(() => console.log("microtask from then"));
});
queueMicrotask(() => console.log("microtask 1"));
console.log("sync");
setTimeout(function second() {
  Promise.resolve().then(() => console.log("then inside timer"));
  console.log("timeout 100");
}, 100);
setTimeout(() => console.log("timeout 150"), 150);
