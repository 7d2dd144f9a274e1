function* nums() { try { let i = 0; while (true) yield i++; } finally { console.log("closed"); } }
for (const n of nums()) { if (n === 2) break; console.log(n); }
function first() { for (const n of nums()) return n; }
console.log(first());
try { for (const n of nums()) throw new Error("x"); } catch (e) { console.log(e.message); }
const it = { [Symbol.iterator]() { let i = 0; return { next: () => ({ value: i++, done: i > 3 }), return() { console.log("ret"); return {}; } }; } };
for (const x of it) console.log("x", x);
for (const x of it) { if (x === 1) break; }
