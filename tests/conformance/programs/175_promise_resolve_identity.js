// Promise.resolve returns a native promise unchanged; new Promise resolved with it follows it instead.
const p = Promise.resolve("same");
console.log(Promise.resolve(p) === p);
const wrapped = new Promise((resolve) => resolve(p));
console.log(wrapped === p);
const order = [];
wrapped.then(() => order.push("wrapped"));
p.then(() => order.push("p"))
  .then(() => order.push("p tick 2"))
  .then(() => order.push("p tick 3"));
setTimeout(() => console.log(order), 50);
