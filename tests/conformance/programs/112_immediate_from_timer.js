// From inside a timer, an immediate runs before a new zero-delay timer: the check phase comes first.
setTimeout(function outer() {
  setTimeout(() => console.log("timeout 0 from timer"), 0);
  setImmediate(() => console.log("immediate from timer"));
  console.log("outer timer");
}, 50);
setTimeout(() => console.log("second timer"), 150);
