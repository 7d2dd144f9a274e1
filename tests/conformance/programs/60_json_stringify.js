// JSON.stringify turns objects into strings; the string holds no references.
const order = { id: 7, items: [{ sku: "a", qty: 2 }], paid: false };
const text = JSON.stringify(order);
console.log(text);
console.log(JSON.stringify([1, "x", null, true]));
console.log(JSON.stringify({ nested: { deep: [1, { x: 1 }] } }, null, 2));
checkpoint("stringified");
