// Microtasks queued by an immediate run before the next immediate.
setTimeout(() => {
  setImmediate(() => {
    console.log("immediate 1");
    Promise.resolve().then(() => console.log("then from immediate 1"));
    queueMicrotask(() => console.log("microtask from immediate 1"));
  });
  setImmediate(() => console.log("immediate 2"));
}, 50);
