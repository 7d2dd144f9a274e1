// Two chains take turns: each then is a separate job queued when the previous one settles.
const out = [];
Promise.resolve()
  .then(() => out.push("a1"))
  .then(() => out.push("a2"))
  .then(() => out.push("a3"));
Promise.resolve()
  .then(() => out.push("b1"))
  .then(() => out.push("b2"));
queueMicrotask(() => out.push("q"));
setTimeout(() => console.log(out.join(" ")), 50);
