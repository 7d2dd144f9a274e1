let a = { id: 1 };
let b = { id: 2 };
const list = [a, b];
a = null;
b = null;
list[{{ slot }}] = { id: {{ id }} };
checkpoint("A");
console.log(list[0].id, list[1].id);
