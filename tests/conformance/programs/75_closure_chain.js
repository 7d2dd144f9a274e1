// Nested closures: the innermost function reaches variables of two outer calls.
function outer() {
  const a = { level: "outer" };
  return function middle() {
    const b = { level: "middle" };
    return function inner() {
      checkpoint("inner");
      return a.level + "/" + b.level;
    };
  };
}
const fn = outer()();
checkpoint("chain");
console.log(fn());
