// yield* into async and sync iterators, throw() and return() into a suspended async generator, await in finally, AsyncIteratorClose.
const log = (...a) => console.log(...a);
async function* inner() {
  try {
    yield "i1";
    yield Promise.resolve("i2");
    return "inner-done";
  } finally {
    log("inner finally");
  }
}
async function* outer() {
  const r = yield* inner();
  log("inner returned", r);
  const s = yield* [10, 20];
  log("sync returned", s);
  try {
    yield "waiting";
  } catch (e) {
    log("caught", e);
    yield "after catch";
  }
}
async function* failing() {
  yield 1;
  throw new Error("boom");
}
async function* awaitsInFinally() {
  try {
    yield 1;
  } finally {
    await null;
    log("cleanup after await");
    yield "from finally";
  }
}
async function main() {
  const o = outer();
  for (let i = 0; i < 5; i++) log(await o.next());
  log(await o.throw("oops"));
  log(await o.next());
  const f = failing();
  log(await f.next());
  try { await f.next(); } catch (e) { log("rejected", e.message); }
  log(await f.next());
  const a = awaitsInFinally();
  log(await a.next());
  log(await a.return("r"));
  log(await a.next());
  log(await a.next());
  const t = failing();
  try { await t.throw(new Error("early")); } catch (e) { log("early", e.message); }
  log(await t.next());
  const q = outer();
  const all = [q.next(), q.return("stop"), q.next()];
  log(await Promise.all(all));
  try {
    for await (const x of { [Symbol.asyncIterator]() { return { next() { return 5; } }; } }) log(x);
  } catch (e) { log(e.constructor.name, e.message); }
  try { for await (const x of 5) log(x); } catch (e) { log(e.constructor.name, e.message); }
  const it = {
    i: 0,
    [Symbol.asyncIterator]() { return this; },
    next() { this.i++; return Promise.resolve({ value: this.i, done: this.i > 3 }); },
    return() { log("return called"); return Promise.resolve({ done: true }); },
  };
  for await (const v of it) { log("v", v); if (v === 2) break; }
  async function* rej() { yield Promise.reject(new Error("rej")); }
  try { for await (const v of rej()) log(v); } catch (e) { log("rej caught", e.message); }
}
main().then(() => log("done"), (e) => log("main failed", e));
let n = 0;
(function spin() { if (n++ < 30) Promise.resolve().then(() => { log("tick", n); spin(); }); })();
