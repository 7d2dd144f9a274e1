// console.log prints Maps with => and Sets like arrays.
const m = new Map();
m.set("a", 1);
m.set("b", { x: [1, 2] });
const s = new Set([1, "two", 3]);
console.log(m);
console.log(s);
console.log(new Map(), new Set());
checkpoint("collections");
