// Function names: declared, inferred from a binding, or anonymous.
const add = function (a, b) {
  checkpoint("add");
  return a + b;
};
const mul = function times(a, b) {
  checkpoint("times");
  return a * b;
};
const ops = { sub: (a, b) => a - b };
ops.neg = function (a) {
  checkpoint("neg");
  return -a;
};
console.log(add(1, 2), mul(2, 3), ops.sub(5, 1), ops.neg(4));
console.log(add.name, mul.name, ops.sub.name, JSON.stringify(ops.neg.name));
