// A memoized function keeps its cache in a closure.
function memoize(fn) {
  const cache = new Map();
  return function (n) {
    if (!cache.has(n)) {
      cache.set(n, fn(n));
    }
    return cache.get(n);
  };
}
const square = memoize((n) => {
  checkpoint("computing " + n);
  return { value: n * n };
});
square(3);
square(3);
square(4);
console.log(square(3).value, square(4).value);
