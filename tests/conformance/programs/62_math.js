// Math functions return numbers.
console.log(Math.max(1, 5, 3), Math.min(4, 2), Math.abs(-7));
console.log(Math.floor(2.7), Math.ceil(2.1), Math.round(2.5), Math.round(-2.5));
console.log(Math.sqrt(16), Math.pow(2, 10), 2 ** 8, Math.PI.toFixed(3));
console.log(7 % 3, -7 % 3, 1 / 0, 0 / 0);
const r = Math.trunc(-4.7);
checkpoint("math");
