// console.log prints nested objects down to depth 2, then [Object].
console.log({});
console.log({ a: 1, b: "two", c: [1, 2] });
console.log({ level1: { level2: { level3: { level4: "deep" } } } });
console.log({ "needs quotes": 1, valid_name: 2 });
const fn = function named() {};
console.log({ f: fn, g: () => 1 });
