let a = { name: "a" };
let b = { name: "b", friend: a };
let c = [a, b];
a = null;
c = null;
checkpoint("A");
