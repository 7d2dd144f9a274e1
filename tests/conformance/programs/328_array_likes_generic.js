// The Array methods work on any object with a length: they read and write its indexed properties, no array is made.
const stack = { length: 0 };
Array.prototype.push.call(stack, "a", "b", "c");
const top = Array.prototype.pop.call(stack);
checkpoint("array-like stack");
console.log(stack, top, Array.prototype.join.call(stack, "+"));
function argsToArray() {
  return Array.prototype.slice.call(arguments, 1);
}
const rest = argsToArray(1, 2, 3);
const fromLike = Array.from({ length: 3 }, (_, i) => i * 10);
checkpoint("copies");
console.log(rest, fromLike, Array.prototype.map.call("abc", (c) => c.toUpperCase()));
