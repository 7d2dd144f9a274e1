// queueMicrotask, then callbacks and await continuations share one FIFO queue.
const order = [];
async function f() {
  order.push("f body");
  await undefined;
  order.push("f resumed");
}
Promise.resolve().then(() => order.push("then 1"));
queueMicrotask(() => order.push("queueMicrotask"));
f();
Promise.resolve().then(() => order.push("then 2"));
setTimeout(() => console.log(order.join(" > ")), 50);
