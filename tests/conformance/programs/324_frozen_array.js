// A frozen array refuses push/pop/assignments; copies made with slice or toSorted are new, ordinary arrays.
const base = Object.freeze([3, 1, 2]);
base[0] = 99;
try {
  base.push(4);
} catch (e) {
  console.log(e.message);
}
try {
  base.pop();
} catch (e) {
  console.log(e.message);
}
const sorted = base.toSorted();
const copy = base.slice();
copy.push(4);
checkpoint("frozen and copies");
console.log(base, sorted, copy, Object.isFrozen(copy), Object.getOwnPropertyDescriptor(base, "length"));
