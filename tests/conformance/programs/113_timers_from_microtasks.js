// Timers set from promise jobs are due from the time the job ran.
const order = [];
Promise.resolve().then(function job() {
  order.push("job");
  setTimeout(() => order.push("timer from job"), 100);
});
queueMicrotask(() => {
  order.push("microtask");
  setTimeout(() => order.push("timer from microtask"), 100);
});
setTimeout(() => order.push("timer from script"), 100);
setTimeout(() => {
  checkpoint("done");
  console.log(order);
}, 200);
