// Everyday async code: a sleep helper, retry with await in a loop, a timeout race, an interval cleared later, the combinators; a Promise subclass keeps its class through then/finally/all (species).
const sleep = (ms, v) => new Promise((r) => setTimeout(r, ms, v));
class Deferred extends Promise {
  constructor(ex) { super(ex); this.tag = "d"; }
}
const d = new Deferred((r) => r(4));
console.log(d instanceof Deferred, d instanceof Promise, d.tag);
const d2 = d.then((x) => x * 2);
console.log(d2 instanceof Deferred);
d2.then((v) => console.log("d2", v));
console.log(Deferred.resolve(3) instanceof Deferred);
async function retry(fn, n) {
  for (let i = 0; i < n; i++) {
    try { return await fn(i); } catch (e) { console.log("attempt", i, e.message); await sleep(100); }
  }
  throw new Error("gave up");
}
retry(async (i) => { if (i < 2) throw new Error("fail " + i); return "ok " + i; }, 5).then(console.log);
const timeout = (p, ms) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error("timeout")), ms))]);
timeout(sleep(5000, "slow"), 1000).catch((e) => console.log(e.message));
const it = setInterval(() => console.log("iv"), 300);
setTimeout(() => clearInterval(it), 1000);
(async () => {
  const results = await Promise.allSettled([sleep(50, 1), Promise.reject(new Error("x")), 3]);
  console.log(JSON.stringify(results.map((r) => r.status)));
  const [a, b] = await Promise.all([sleep(200, "a"), sleep(100, "b")]);
  console.log(a, b);
  console.log(await Promise.any([Promise.reject(1), sleep(50, "any")]));
  try { await Promise.any([Promise.reject(1)]); } catch (e) { console.log(e.constructor.name, e.errors, e.message); }

  console.log(typeof queueMicrotask, typeof structuredClone);
})();


class Tracked extends Promise {
  static count = 0;
  constructor(ex) { Tracked.count++; super(ex); }
}
const t = Tracked.resolve(1);
const u = t.then((v) => v + 1).finally(() => console.log("fin"));
u.then((v) => console.log("u", v, u instanceof Tracked, Tracked.count));
Tracked.all([1, Tracked.resolve(2)]).then((vs) => console.log("all", vs, Tracked.count));
Tracked.reject(new Error("no")).catch((e) => console.log("caught", e.message));
const same = Promise.resolve(t);
console.log(same === t, Tracked.resolve(t) === t);
async function f() { return t; }
f().then((v) => console.log("f", v));
try { Promise.resolve.call(1, 2); } catch (e) { console.log(e.constructor.name, e.message); }
try { new Promise(5); } catch (e) { console.log(e.message); }
try { Promise.prototype.then.call({}, () => {}); } catch (e) { console.log(e.message); }
