// Template literals build strings; they allocate no objects with a site.
const item = { name: "pen", price: 1.5 };
const count = 3;
const line = `${count} x ${item.name} = ${count * item.price}`;
checkpoint("formatted");
console.log(line);
console.log(`multi
line`);
