// A cache that never forgets keeps every result alive.
const cache = {};
function lookup(key) {
  if (!(key in cache)) {
    cache[key] = { key, computed: key.length };
  }
  return cache[key];
}
lookup("alpha");
lookup("beta");
lookup("alpha");
checkpoint("cached");
console.log(Object.keys(cache));
