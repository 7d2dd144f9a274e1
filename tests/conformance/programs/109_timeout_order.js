// Timers fire by due time, and timers due at the same time in the order they were created.
const log = [];
setTimeout(() => log.push("c 300"), 300);
setTimeout(() => log.push("a 100"), 100);
setTimeout(() => log.push("b 200 first"), 200);
setTimeout(() => log.push("b 200 second"), 200);
setTimeout(function report() {
  checkpoint("report");
  console.log(log.join(", "));
}, 400);
console.log("script done");
