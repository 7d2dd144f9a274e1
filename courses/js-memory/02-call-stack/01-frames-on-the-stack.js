function square(n) {
  const result = n * n;
  checkpoint("A");
  return result;
}
function sumOfSquares(a, b) {
  return square(a) + square(b);
}
const total = sumOfSquares(3, 4);
console.log("total", total);
