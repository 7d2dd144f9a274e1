// Map and Set heavy code: counting keys in a Map, a Set of seen values, then iterating both with forEach.
const counts = new Map();
const seen = new Set();
for (let i = 0; i < 20000; i++) {
  const key = "k" + (i % 500);
  counts.set(key, (counts.get(key) || 0) + 1);
  if (!seen.has(i % 777)) seen.add(i % 777);
}
let total = 0;
counts.forEach((n, key) => {
  total += n + key.length;
});
let small = 0;
seen.forEach(v => {
  if (v < 100) small++;
});
checkpoint("collections");
console.log(counts.size, seen.size, total, small);
