// for...in walks keys, for...of walks values.
const prices = { apple: 1, pear: 2 };
const keys = [];
for (const key in prices) {
  keys.push(key);
}
let sum = 0;
for (const value of Object.values(prices)) {
  sum += value;
  if (value === 2) checkpoint("in for-of");
}
console.log(keys, sum);
