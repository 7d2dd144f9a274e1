var g1 = {tag: "global var"};
leaked = [1, 2];
globalThis.viaThis = {v: 1};
Object.defineProperty(globalThis, "acc", {get() { return g1; }, configurable: true});
const sym = Symbol("s");
const holder = {};
holder[sym] = {hidden: true};
class A { x = {f: 1}; constructor() { this.y = [this.x]; } m() { return () => this; } get z() { return 1; } }
class B extends A { constructor() { super(); this.w = 2; } }
let b = new B();
let arrow = b.m();
b = null;
const bound = function (p) { return p; }.bind({self: 1}, {arg: 1});
let m = new Map([[{k: 1}, {v: 1}]]);
let s = new Set([{s: 1}]);
[1, 2, 3].forEach((v, i, arr) => { holder["k" + v] = arr; });
let mapped = [3, 1, 2].map(v => ({v})).sort((p, q) => p.v - q.v);
delete holder.k1;
let big = [];
for (let j = 0; j < 40; j++) big.push(j % 3 === 0 ? {j} : j);
big[5] = true; big[6] = 1; big.length = 30;
let dict = {};
for (let j = 0; j < 30; j++) dict["p" + j] = j;
dict.p3 = "x"; delete dict.p4; dict.p4 = {};
Math.cached = {m: 1};
checkpoint("end");
console.log(JSON.stringify(mapped), acc.tag, typeof bound);
