function down(n) { const o = {n}; if (n === 0) { checkpoint("bottom"); return 0; } return down(n - 1) + 1; }
down(120);
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(fib(10));
