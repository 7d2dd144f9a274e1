// Every recursive call gets its own frame with its own n.
function factorial(n) {
  if (n <= 1) {
    checkpoint("base case");
    return 1;
  }
  return n * factorial(n - 1);
}
const answer = factorial(4);
console.log(answer);
checkpoint("done");
