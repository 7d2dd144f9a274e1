// next(value) sends a value into the generator: it becomes the result of the paused yield.
function* accumulator() {
  let total = 0;
  while (true) {
    const amount = yield total;
    if (amount === undefined) break;
    total += amount;
  }
  return total;
}
const acc = accumulator();
acc.next();
acc.next(5);
acc.next(7);
checkpoint("total 12");
console.log(acc.next());
