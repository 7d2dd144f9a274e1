function factorial(n) {
  if (n <= 1) {
    checkpoint("base");
    return 1;
  }
  const rest = factorial(n - 1);
  const result = n * rest;
  checkpoint("unwind");
  return result;
}
console.log(factorial({{ n }}));
