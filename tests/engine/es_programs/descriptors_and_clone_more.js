const d = new Date(0); const c = structuredClone({d, list: [d, d]});
console.log(c, c.d === c.list[0], c.d instanceof Date, c.d === d);
const f = structuredClone(Object.freeze({a: 1})); console.log(Object.isFrozen(f), f);
const g = structuredClone({get x() { return 5; }}); console.log(g);
console.log(Object.entries(Object.freeze([1, 2])), Object.assign([], Object.freeze([3])));
try { Object.assign(Object.freeze({a: 1}), {a: 2}); } catch (e) { console.log(e.message); }
try { Object.assign(Object.freeze([1]), [5]); } catch (e) { console.log(e.message); }
const o = {}; Object.defineProperty(o, 'hidden', {value: 1, enumerable: false}); o.shown = 2;
console.log(JSON.stringify(o), {...o}, Object.keys(o), Object.getOwnPropertyNames(o), o.propertyIsEnumerable('hidden'));
for (const k in Object.create(o)) console.log('in', k);
console.log(Object.getOwnPropertyDescriptor([1], 0), Object.getOwnPropertyDescriptor('ab', 0), Object.getOwnPropertyDescriptor('ab', 'length'));
const arr = [1, 2, 3]; Object.defineProperty(arr, 0, {enumerable: false}); console.log(Object.keys(arr), arr, JSON.stringify(arr));
const w = [1, 2]; Object.defineProperty(w, 1, {writable: false}); w[1] = 9; w.push(3); console.log(w, w.length);
try { 'use strict'; Object.defineProperty([], 'length', {value: -1}); } catch (e) { console.log(e.name, e.message); }
const sealedArr = Object.seal([1, 2, 3]); sealedArr.length = 1; console.log(sealedArr, sealedArr.length);
console.log(Object.isFrozen(Object.freeze(function f() {})), Object.isFrozen(""), Object.isSealed(1), Object.isExtensible(1));
console.log(Object.getOwnPropertyNames(class { static m() {} }).sort());
const fr = Object.freeze(new Map([[1, 2]])); fr.set(3, 4); console.log(fr);
const fd = Object.freeze(new Date(0)); fd.setTime(5); console.log(fd.getTime());
