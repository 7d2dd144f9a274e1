// Each then receives what the previous callback returned; a returned promise is waited for.
Promise.resolve(2)
  .then((n) => n * 10)
  .then(function addOne(n) {
    checkpoint("in then");
    return n + 1;
  })
  .then((n) => new Promise((resolve) => setTimeout(() => resolve(n * 2), 100)))
  .then((n) => console.log("result", n));
console.log("script end");
