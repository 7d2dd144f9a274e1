// After a catch the chain continues with its return value; a later rejection skips fulfilment handlers.
function toNumber(text) {
  const n = Number(text);
  if (Number.isNaN(n)) throw new SyntaxError("not a number: " + text);
  return n;
}
function pipeline(input) {
  return Promise.resolve(input)
    .then(toNumber)
    .catch(() => 0)
    .then((n) => n * 2)
    .then((n) => {
      if (n > 10) return Promise.reject("too big");
      return n;
    })
    .then((n) => "ok " + n, (reason) => "failed: " + reason);
}
pipeline("3").then(console.log);
pipeline("abc").then(console.log);
pipeline("8").then(console.log);
