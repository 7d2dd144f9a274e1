Object.defineProperty(Array.prototype, "0", { get: function () { return 11; }, configurable: true });
const seen = []; [, , , ].forEach((v, i) => seen.push([v, i])); console.log(seen, [, 2].map(x => x), [, 5].indexOf(11), [, 1].join());
delete Array.prototype[0];
console.log([, 2].map(x => x), Array.prototype.length);
var array = new Array(1); var calls = 0;
Object.defineProperty(Array.prototype, "0", { get() { Object.freeze(array); calls++; }, configurable: true });
try { array.pop(); } catch (e) { console.log(e.name, e.message); }
console.log(array.length, calls);
