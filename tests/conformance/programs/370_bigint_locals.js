// BigInt values in locals, in properties and in collections: primitives, {"bigint": "..."}, no site.
function factorial(n) {
  let acc = 1n;
  for (let i = 2n; i <= n; i++) {
    acc *= i;
  }
  checkpoint("factorial-done");
  return acc;
}
const big = factorial(25n);
const small = BigInt(42);
const negative = -(2n ** 70n);
const record = { id: 7n, label: "seven", total: big / 1000n };
const byId = new Map([[7n, record]]);
const wrapped = Object(5n);
console.log(big, small, negative, typeof big);
console.log(record, byId.get(7n) === record, wrapped);
checkpoint("top");
