// Recursion with block-scoped bindings that come and go, getters, classes with methods.
class Counter {
  n = 0;
  get value() { return this.n; }
  bump() { this.n++; return this; }
}
function depth(n, acc) {
  if (n === 0) {
    checkpoint("bottom");
    return acc;
  }
  {
    const local = { n };
    acc.push(local);
  }
  let result;
  for (const x of [n]) {
    let tmp = x * 2;
    result = depth(n - 1, acc);
  }
  return result;
}
const c = new Counter().bump().bump();
console.log(c.value);
const all = depth(4, []);
console.log(all.length);
const o = { get twice() { return 2; }, set twice(v) {} };
console.log(o.twice);
