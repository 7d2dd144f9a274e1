function f(a, b) {}
Object.defineProperty(f, "name", { value: "renamed" });
console.log(f.name, f.length, Object.getOwnPropertyDescriptor(f, "prototype"), Object.keys(f));
f.length = 5; console.log(f.length); delete f.length; console.log(f.length, Object.hasOwn(f, "length"));
class Counter { constructor() { this.n = 0; } inc() { this.n++; return this; } }
const c = Object.freeze(new Counter());
try { c.inc(); } catch (e) { console.log(e.name + ": " + e.message); }
const o = { get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} };
console.log(o, [o], { nested: o });
Object.defineProperty(globalThis, "G", { value: 7, writable: false });
G = 8; console.log(G, typeof Object.getOwnPropertyDescriptor(globalThis, "G"));
(function () { "use strict"; try { G = 9; } catch (e) { console.log(e.message); } })();
const args = (function () { return arguments; })(1, 2);
Object.defineProperty(args, 0, { value: "z" }); console.log(args[0], args.length, Object.keys(args));
const d = new Date(0); Object.defineProperty(d, "x", { value: 1, enumerable: true }); console.log(d, Object.keys(d));
const frozenDate = Object.freeze(new Date(0)); console.log(Object.isFrozen(frozenDate), frozenDate);
const sym = Symbol("s"); const so = {}; Object.defineProperty(so, sym, { value: 1, enumerable: true }); console.log(so, Object.getOwnPropertySymbols(so).length);
console.log(Object.entries(Object.getOwnPropertyDescriptors(class { static s = 1; static m() {} })).map(([k, v]) => k + ":" + v.writable + v.enumerable + v.configurable).join(" "));
const arr = [1, 2, 3]; Object.freeze(arr);
console.log(arr.concat([4]), [...arr, 4], arr.includes(2), Array.isArray(arr), JSON.stringify(arr), arr.join("-"), arr.toString());
for (const k in arr) console.log("k", k);
const p = Object.preventExtensions({ x: 1 }); p.x = 2; delete p.x; p.y = 1; console.log(p, Object.isExtensible(p), Object.isSealed(p), Object.isFrozen(p));
console.log(Object.isFrozen(Object.preventExtensions({})), Object.isSealed(Object.preventExtensions({})));
