// An array pattern that ends before its iterator does closes it (IteratorClose): the generator's finally runs
// while the frame that destructures is on the stack; a throw in a target closes it too.
function* numbers() {
  try {
    yield { n: 1 };
    yield { n: 2 };
    yield { n: 3 };
  } finally {
    console.log("closed");
  }
}
let one, two;
const it = numbers();
[one, two] = it;
console.log(one.n, two.n);
checkpoint("closed_early");

const holder = {};
function fail() {
  throw new Error("no target");
}
try {
  [holder.first, fail().second] = numbers();
} catch (e) {
  console.log(e.message, holder.first.n);
}
checkpoint("after_throw");
