function* nat() { let i = 0; try { while (true) yield i++; } finally { console.log("closed"); } }
const [a, , b] = nat();
console.log(a, b);
const [x, ...rest] = [1,2,3];
console.log(x, rest);
const [p, q] = "hi";
console.log(p, q);
