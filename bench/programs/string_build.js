// String building: concatenation in a loop, template literals, join, slice and indexOf.
let s = "";
for (let i = 0; i < 10000; i++) {
  s += String.fromCharCode(97 + (i % 26));
}
const parts = [];
for (let i = 0; i < 5000; i++) {
  parts.push(`item-${i}:${i % 3 === 0 ? "fizz" : "buzz"}`);
}
const joined = parts.join(",");
let found = 0;
for (let i = 0; i < 2000; i++) {
  const piece = s.slice(i, i + 3);
  if (joined.indexOf(piece.toUpperCase()) === -1) found++;
}
checkpoint("strings");
console.log(s.length, joined.length, found);
