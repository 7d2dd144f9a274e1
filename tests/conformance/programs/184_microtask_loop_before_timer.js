// A microtask that queues another keeps the timers waiting until the chain stops.
let hops = 0;
function hop() {
  hops += 1;
  if (hops < 5) queueMicrotask(hop);
}
setTimeout(() => {
  console.log("timer sees", hops, "hops");
}, 0);
setTimeout(() => {
  queueMicrotask(hop);
  console.log("started at", hops);
}, 50);
setTimeout(() => console.log("next timer sees", hops), 100);
