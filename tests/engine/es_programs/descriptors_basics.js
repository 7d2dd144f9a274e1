const o = {};
Object.defineProperty(o, 'x', { value: 1 });
console.log(Object.getOwnPropertyDescriptor(o, 'x'), o, Object.keys(o), JSON.stringify(o));
o.x = 5; console.log(o.x);
try { Object.defineProperty(o, 'x', { value: 2 }); } catch (e) { console.log(e.name, e.message); }
Object.defineProperty(o, 'x', { value: 1 });
const acc = {};
Object.defineProperty(acc, 'g', { get() { return 42; }, enumerable: true, configurable: true });
Object.defineProperty(acc, 's', { set(v) {}, enumerable: true });
Object.defineProperty(acc, 'gs', { get() { return 1; }, set(v) {}, enumerable: true });
console.log(acc, acc.g, Object.getOwnPropertyDescriptor(acc, 'g'));
console.log(Object.getOwnPropertyDescriptors({a: 1, get b() { return 2; }}));
const f = Object.freeze({a: 1, nested: {b: 2}});
f.a = 2; f.c = 3; delete f.a; f.nested.b = 3;
console.log(f, Object.isFrozen(f), Object.isSealed(f), Object.isExtensible(f));
const s = Object.seal({a: 1});
s.a = 2; s.b = 3; delete s.a;
console.log(s, Object.isFrozen(s), Object.isSealed(s));
const arr = Object.freeze([1, 2, 3]);
try { arr.push(4); } catch (e) { console.log(e.name, e.message); }
try { arr.pop(); } catch (e) { console.log(e.name, e.message); }
try { arr.shift(); } catch (e) { console.log(e.name, e.message); }
try { arr.unshift(0); } catch (e) { console.log(e.name, e.message); }
try { arr.sort(); } catch (e) { console.log(e.name, e.message); }
try { arr.reverse(); } catch (e) { console.log(e.name, e.message); }
try { arr.splice(0, 1); } catch (e) { console.log(e.name, e.message); }
try { arr.fill(0); } catch (e) { console.log(e.name, e.message); }
try { arr.copyWithin(0, 1); } catch (e) { console.log(e.name, e.message); }
arr[0] = 9; arr.length = 0; console.log(arr, arr.length, Object.getOwnPropertyDescriptor(arr, 'length'));
console.log(arr.map(x => x * 2), arr.slice(1), [...arr]);
const sa = Object.seal([1, 2, 3]); sa[0] = 10; sa.length = 1; console.log(sa);
const pe = Object.preventExtensions([1]); try { pe.push(2); } catch (e) { console.log(e.message); } pe[0] = 5; console.log(pe);
const ne = {}; Object.defineProperties(ne, { a: { value: 1, enumerable: true }, b: { value: 2 } });
for (const k in ne) console.log('key', k);
console.log({...ne}, Object.assign({}, ne), Object.entries(ne));
try { Object.defineProperty(1, 'x', {}); } catch (e) { console.log(e.message); }
try { Object.defineProperty({}, 'x', 1); } catch (e) { console.log(e.message); }
try { Object.defineProperty({}, 'x', {get: 1}); } catch (e) { console.log(e.message); }
try { Object.defineProperty({}, 'x', {get() {}, value: 1}); } catch (e) { console.log(e.message); }
try { Object.defineProperty(Object.preventExtensions({}), 'x', {value: 1}); } catch (e) { console.log(e.message); }
const al = {length: 2, 0: 'a', 1: 'b'};
Array.prototype.push.call(al, 'c'); console.log(al);
console.log(Array.prototype.pop.call(al), al);
console.log(Array.prototype.shift.call(al), al);
Array.prototype.unshift.call(al, 'x', 'y'); console.log(al);
console.log(Array.prototype.splice.call(al, 1, 1, 'q', 'r'), al);
console.log(Array.prototype.indexOf.call(al, 'q'), Array.prototype.join.call(al, '-'));
console.log(Array.prototype.reverse.call({length: 3, 0: 1, 2: 3}));
console.log(Array.prototype.sort.call({length: 3, 0: 3, 1: 1, 2: 2}));
console.log(Array.prototype.fill.call({length: 2}, 7));
const arr2 = [1, 2, 3]; Object.defineProperty(arr2, 1, { get() { return 'G'; } }); console.log(arr2, arr2[1], arr2.map(x => x));
const arr3 = [1, 2]; Object.defineProperty(arr3, 'length', { writable: false });
try { arr3.push(3); } catch (e) { console.log(e.message); } arr3[5] = 1; console.log(arr3);
console.log(Object.getOwnPropertyDescriptor(function foo(a, b) {}, 'length'), Object.getOwnPropertyDescriptor(Math, 'PI'));
