function makeCounter(start) {
  let count = start;
  const big = [1, 2, 3];
  return function increment() {
    count = count + 1;
    return count;
  };
}
const counters = [];
for (let i = 0; i < 2; i++) {
  counters.push(makeCounter(i * 10));
}
counters.pop();
checkpoint("A");
console.log(counters[0]());
