const cache = new Map();
function getReport(name) {
  const ref = cache.get(name);
  const cached = ref ? ref.deref() : undefined;
  if (cached !== undefined) {
    return cached;
  }
  const report = { name: name, rows: [1, 2, 3] };
  cache.set(name, new WeakRef(report));
  return report;
}
let a = getReport("sales");
let b = getReport("{{ second }}");
console.log(a === b);
a = null;
b = null;
gc();
checkpoint("A");
console.log(cache.size, cache.get("sales").deref() !== undefined);
