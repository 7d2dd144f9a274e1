// console.log formats primitives the way Node does.
console.log(1, 2.5, -0, 0, NaN, Infinity, -Infinity);
console.log("text", "", true, false, null, undefined);
console.log("%s is %d years", "Ann", 42);
console.log(typeof 1, typeof "s", typeof undefined, typeof null, typeof {}, typeof function () {});
const nan = NaN;
const inf = -Infinity;
const nothing = undefined;
checkpoint("values");
