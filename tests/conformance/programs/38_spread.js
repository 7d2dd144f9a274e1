// Spread copies elements and properties into new literals.
const base = { a: 1, b: 2 };
const extended = { ...base, c: 3 };
const first = [1, 2];
const both = [...first, 3, ...first];
checkpoint("spread");
console.log(extended, both, Math.max(...both));
