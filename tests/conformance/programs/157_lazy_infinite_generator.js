// An infinite generator is lazy: take() pulls only what it needs, then closes it.
function* naturals() {
  let n = 1;
  while (true) yield n++;
}
function take(iterable, count) {
  const out = [];
  if (count <= 0) return out;
  for (const v of iterable) {
    out.push(v);
    if (out.length === count) break;
  }
  return out;
}
function* squares(source) {
  for (const n of source) yield n * n;
}
const firstFive = take(squares(naturals()), 5);
checkpoint("taken");
console.log(firstFive);
