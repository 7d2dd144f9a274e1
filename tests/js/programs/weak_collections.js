// WeakMap entries live only while their key does; a WeakSet and a WeakRef keep nothing alive.
let key = { k: 1 };
let other = { k: 2 };
const cache = new WeakMap();
cache.set(key, { value: "for key" });
cache.set(other, { value: "for other" });
const seen = new WeakSet();
seen.add(other);
const m = new Map([[1, { mapped: true }]]);
const s = new Set([{ inSet: true }]);
other = null;
checkpoint("other gone");
gc();
checkpoint("after gc");
