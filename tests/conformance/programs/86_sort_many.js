// Sorting a longer array: the comparator is called in the order V8's TimSort chooses.
const values = [9, 3, 14, 1, 7, 12, 5, 0, 11, 2, 8, 13, 6, 4, 10];
const seen = [];
values.sort((a, b) => {
  seen.push(a + ":" + b);
  return a - b;
});
console.log(values.join(" "));
console.log(seen.length, seen.slice(0, 12).join(" "));
const words = ["pear", "Apple", "banana", "apple"];
words.sort();
console.log(words);
