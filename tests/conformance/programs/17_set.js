// A Set keeps its members alive until they are deleted.
const seen = new Set();
const first = { n: 1 };
seen.add(first);
seen.add({ n: 2 });
checkpoint("two members");
seen.delete(first);
console.log(seen.size, seen.has(first));
checkpoint("one member");
