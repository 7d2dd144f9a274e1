const wait = (ms, v, fail) => new Promise((res, rej) => setTimeout(() => (fail ? rej(new Error(v)) : res(v)), ms));
Promise.all([wait(1500, "a"), wait(500, "b"), 3]).then(v => console.log("all", v));
Promise.allSettled([wait(250, "ok"), wait(50, "bad", true)]).then(r => console.log("settled", JSON.stringify(r)));
Promise.race([wait(1000, "slow"), wait(100, "fast")]).then(v => console.log("race", v));
Promise.any([wait(150, "x", true), wait(200, "y")]).then(v => console.log("any", v));
Promise.any([Promise.reject(1), Promise.reject(2)]).catch(e => console.log(e.name, e.message, e.errors));
const thenable = { then(res) { console.log("thenable asked"); res(42); } };
Promise.resolve(thenable).then(v => console.log("thenable", v));
Promise.resolve().then(() => console.log("p1")).then(() => console.log("p2")).finally(() => console.log("fin"));
(async () => { console.log("a1"); await null; console.log("a2"); await thenable; console.log("a3"); })();
async function rethrow() { try { await wait(50, "boom", true); } catch (e) { console.log("caught", e.message); throw e; } finally { console.log("finally"); } }
rethrow().catch(e => console.log("outer", e.message));
const id = setInterval(() => { console.log("tick"); }, 350);
setTimeout(() => clearInterval(id), 1100);
setTimeout(() => { Promise.resolve().then(() => console.log("micro in timer")); console.log("timer 6"); }, 300);
