// Destructuring assignment as an expression: a swap in a loop update, the value it evaluates to, and a getter
// that runs while the right-hand side and the pattern's values are only in registers.
function fib(n) {
  let a, b, i;
  for ([a, b] = [0, 1], i = 0; i < n; [a, b] = [b, a + b], i++) {
    const step = i + 1;
    if (step === 4) checkpoint("in_loop");
  }
  return a;
}
console.log(fib(10));

let first, rest;
const source = [{ id: 1 }, { id: 2 }, { id: 3 }];
const same = ([first, ...rest] = source);
console.log(same === source, first.id, rest.length);
checkpoint("after_rest");

const probe = {
  get x() {
    checkpoint("in_getter");
    return { tag: "x" };
  },
};
let got;
const result = ({ x: got } = probe);
console.log(result === probe, got.tag);
