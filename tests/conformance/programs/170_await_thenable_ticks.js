// Awaiting a native promise takes one job; awaiting a thenable takes more, so the order shows it.
const order = [];
const thenable = {
  then(resolve) {
    order.push("thenable.then");
    resolve("T");
  },
};
async function awaitsPromise() {
  order.push("P: " + (await Promise.resolve("P")));
}
async function awaitsThenable() {
  order.push("T: " + (await thenable));
}
awaitsThenable();
awaitsPromise();
Promise.resolve()
  .then(() => order.push("tick 1"))
  .then(() => order.push("tick 2"))
  .then(() => order.push("tick 3"));
setTimeout(() => console.log(order.join(" | ")), 50);
