// finally sees no value and passes the value or the rejection through unchanged.
Promise.resolve(7)
  .finally(() => console.log("finally 1"))
  .then((v) => console.log("value kept", v));
Promise.reject(new Error("nope"))
  .finally(() => console.log("finally 2"))
  .catch((e) => console.log("rejection kept", e.message));
Promise.resolve(1)
  .finally(() => {
    throw new RangeError("from finally");
  })
  .catch((e) => console.log("finally threw", e.name));
