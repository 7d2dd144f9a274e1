// BigInt arithmetic and comparisons: exact values, truncating division, mixed comparisons, V8's errors.
function fib(n) {
  let a = 0n;
  let b = 1n;
  for (let k = 0; k < n; k++) {
    [a, b] = [b, a + b];
  }
  return a;
}
const f100 = fib(100);
const quotient = -7n / 2n;
const remainder = -7n % 2n;
const shifted = (1n << 100n) >> 98n;
console.log(f100, quotient, remainder, shifted, ~5n, 5n & 3n);
console.log(1n < 1.5, 2n == "2", 1n === 1, 2n ** 64n > Number.MAX_SAFE_INTEGER);
console.log(BigInt.asIntN(8, 255n), BigInt.asUintN(8, -1n), (255n).toString(16), Number(2n ** 53n + 1n));
let failures = [];
for (const attempt of [() => 1n + 1, () => 1n / 0n, () => +1n, () => BigInt(1.5), () => JSON.stringify({ n: 1n })]) {
  try {
    attempt();
  } catch (e) {
    failures.push(`${e.name}: ${e.message}`);
  }
}
console.log(failures);
checkpoint("done");
let counter = 10n;
counter++;
counter -= 3n;
checkpoint("counter");
const boom = counter + 1;
