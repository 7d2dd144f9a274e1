// While for-of runs a generator's next() its frame is at the for, the loop variable in its dead zone; while return() closes it, the loop's scope is left.
function* numbers() {
  try {
    for (let i = 0; i < 3; i++) {
      checkpoint("in generator");
      yield i;
    }
  } finally {
    checkpoint("closing");
  }
}
function consume() {
  let total = 0;
  for (const n of numbers()) {
    total = total + n;
    console.log(n);
    if (n === 1) {
      break;
    }
  }
  return total;
}
consume();
