const cache = new Map();
function square(n) {
  if (!cache.has(n)) {
    cache.set(n, { n: n, value: n * n });
  }
  return cache.get(n).value;
}
let total = 0;
for (let i = 0; i < {{ calls }}; i++) {
  total = total + square(i % {{ distinct }});
}
checkpoint("A");
console.log(total, cache.size);
