// Recursive Fibonacci: ~22,000 calls, no allocation.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
const result = fib(20);
checkpoint("done");
console.log(result);
