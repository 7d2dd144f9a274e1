// Large arrays and objects change a little at a time: the timeline sends patches (push, set, length, delete).
const items = [];
for (let i = 0; i < 40; i++) items.push({ i });
items[3] = "three";
items.length = 30;
items.push(null);
const table = {};
for (let i = 0; i < 20; i++) table["k" + i] = i;
table.k5 = { replaced: true };
delete table.k7;
const sparse = [1, 2, 3];
sparse[20] = "far";
checkpoint("patched");
items.splice(0, 25);
gc();
console.log(items.length, Object.keys(table).length, sparse.length);
