// A generator's return value comes with done: true, and for-of and spread ignore it.
function* twoThenReturn() {
  yield "a";
  yield "b";
  return "the end";
}
const g = twoThenReturn();
console.log(g.next(), g.next(), g.next(), g.next());
console.log([...twoThenReturn()]);
for (const v of twoThenReturn()) console.log("of", v);
console.log(typeof g.next, Object.prototype.toString.call(g));
