// 100,000 iterations pushing numbers into two arrays.
const evens = [];
const odds = [];
for (let i = 0; i < 100000; i++) {
  if (i % 2 === 0) {
    evens.push(i);
  } else {
    odds.push(i);
  }
}
checkpoint("filled");
console.log(evens.length, odds.length);
