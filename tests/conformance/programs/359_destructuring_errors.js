// V8's TypeErrors of destructuring assignment: an object pattern meeting undefined, an array pattern meeting
// something not iterable; the last one is not caught.
let a, b;
const empty = {};
try {
  ({ a } = empty.missing);
} catch (e) {
  console.log(e.message);
}
try {
  [a] = 42;
} catch (e) {
  console.log(e.message);
}
try {
  [{ a }] = [];
} catch (e) {
  console.log(e.message);
}
const kept = { list: [1, 2] };
const ok = ([a, b] = kept.list);
console.log(a, b, ok === kept.list);
checkpoint("before_uncaught");
({ a: [b] } = empty);
