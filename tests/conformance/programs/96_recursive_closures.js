// Each call of a recursive function has its own scope; closures remember the one they were made in.
function chain(n) {
  const label = { n };
  if (n === 0) {
    return [];
  }
  const rest = chain(n - 1);
  rest.push(() => label.n);
  return rest;
}
const getters = chain(2);
checkpoint("chain");
console.log(getters.map((g) => g()));
