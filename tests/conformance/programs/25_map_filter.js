// map and filter build new arrays (made by built-ins, so they have no site).
const numbers = [1, 2, 3, 4];
const doubled = numbers.map(function (n) {
  return n * 2;
});
const evens = numbers.filter((n) => n % 2 === 0);
checkpoint("results");
console.log(doubled, evens);
