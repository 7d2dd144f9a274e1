// gc() frees everything unreachable; reachable objects are unaffected.
let a = { name: "a" };
let b = { name: "b", ref: a };
const c = { name: "c" };
a = null;
b = null;
checkpoint("before gc");
gc();
checkpoint("after gc");
console.log(c.name);
