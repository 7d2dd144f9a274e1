function f(o) { const inner = {o}; return o.missing.x; }
let kept = {a: 1};
console.log("before");
f(kept);
