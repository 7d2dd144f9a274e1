// The same sum, iteratively (one frame) and recursively (one frame per call).
function sumLoop(n) {
  let total = 0;
  for (let i = 1; i <= n; i++) total += i;
  checkpoint("loop");
  return total;
}
function sumRec(n) {
  if (n === 0) {
    checkpoint("recursion bottom");
    return 0;
  }
  return n + sumRec(n - 1);
}
console.log(sumLoop(3), sumRec(3));
