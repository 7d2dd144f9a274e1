console.log("start");
setTimeout(() => console.log("timeout 500"), 500);
setTimeout(() => console.log("timeout 0"), 0);
setTimeout(() => setImmediate(() => console.log("immediate")), 250);
Promise.resolve(1).then(v => { console.log("then", v); return v + 1; }).then(v => console.log("then2", v));
queueMicrotask(() => console.log("micro"));
async function f(x) {
  console.log("f start", x);
  const y = await x;
  console.log("f resumed", y);
  return y * 2;
}
f(5).then(r => console.log("f result", r));
function* gen(n) { for (let i = 0; i < n; i++) { const got = yield i; if (got) console.log("got", got); } return "done"; }
const g = gen(3);
console.log(g.next().value, g.next("hi").value, [...gen(4)]);
for (const v of gen(2)) console.log("of", v);
console.log("end");
