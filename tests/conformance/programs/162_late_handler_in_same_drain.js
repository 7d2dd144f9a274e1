// A rejection handled by a later job of the same microtask drain is not unhandled.
const failing = Promise.reject(new RangeError("out of range"));
Promise.resolve()
  .then(() => console.log("first job"))
  .then(() => {
    failing.catch((error) => console.log("handled late:", error.message));
  });
setTimeout(() => console.log("run continues"), 100);
