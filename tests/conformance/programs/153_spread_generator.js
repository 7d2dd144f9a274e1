// Spread and destructuring run a generator; destructuring stops once it has what it needs.
function* range(from, to) {
  try {
    for (let i = from; i < to; i++) yield i;
  } finally {
    console.log("range closed at", from, to);
  }
}
console.log([...range(0, 4)]);
const [first, second] = range(10, 100);
console.log(first, second);
console.log(Math.max(...range(3, 7)));
