// A counter closure keeps its count between calls.
function makeCounter() {
  let count = 0;
  return {
    increment() {
      count++;
      checkpoint("increment " + count);
      return count;
    },
    current: () => count,
  };
}
const counter = makeCounter();
counter.increment();
counter.increment();
console.log(counter.current());
