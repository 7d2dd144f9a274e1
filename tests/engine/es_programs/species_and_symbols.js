console.log(typeof Symbol.unscopables, typeof Symbol.isConcatSpreadable, JSON.stringify(Object.getOwnPropertyDescriptor(Symbol, 'match')));
var u = Array.prototype[Symbol.unscopables]; console.log(Object.getPrototypeOf(u), Object.keys(u).join(), u.flat);
var o = {length: 2, 0: 'a', 1: 'b', [Symbol.isConcatSpreadable]: true};
console.log(JSON.stringify([1].concat(o, [2])));
var arr = [3, 4]; arr[Symbol.isConcatSpreadable] = false; console.log([1].concat(arr).length);
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(Symbol.prototype, Symbol.toStringTag)));
for (const C of [Map, Set, Promise, Array, RegExp]) console.log(C[Symbol.species] === C, Object.getOwnPropertyDescriptor(C, Symbol.species).get.name);

class A2 extends Array {}
var a = new A2(1,2,3);
console.log(a.map(x=>x*2) instanceof A2, a.filter(x=>x>1) instanceof A2, a.slice(1) instanceof A2, a.splice(0,1) instanceof A2, a.concat([4]) instanceof A2, a.flat() instanceof A2, a.flatMap(x=>[x]) instanceof A2);
console.log(JSON.stringify(a.map(x=>x*2)), a.slice(0).length, JSON.stringify(a.concat([9,[8]])));
var b=[1,2,3]; var calls=0; b.constructor = {}; b.constructor[Symbol.species] = function(n){ calls++; this.args = n; };
var r = b.map(x=>x+1); console.log(calls, r.args, r[0], r[2], r.length, JSON.stringify(Object.keys(r)));
var r2 = b.slice(1); console.log(r2.args, r2.length, r2[0]);
var r3 = b.concat(4); console.log(r3.length, r3[3]);
console.log(Array[Symbol.species] === Array, Object.getOwnPropertyDescriptor(Array, Symbol.species).get.name);
b.constructor = {[Symbol.species]: 1}; try { b.map(x=>x) } catch (e) { console.log(e.message) }
b.constructor = {[Symbol.species]: null}; console.log(Array.isArray(b.filter(x=>1)));
var c=[1,2]; c.constructor = undefined; console.log(c.splice(0,1).length);
