function makeCounter(name) {
  let count = 0;
  return function next() {
    count = count + 1;
    return name + ":" + count;
  };
}
const a = makeCounter("a");
const b = makeCounter("b");
for (let i = 0; i < {{ a_calls }}; i++) {
  a();
}
for (let i = 0; i < {{ b_calls }}; i++) {
  b();
}
checkpoint("A");
console.log(a(), b());
