// Immediates run in the order they were queued; one queued by an immediate waits for the next turn.
const seen = [];
setTimeout(function start() {
  setImmediate(() => {
    seen.push("first");
    setImmediate(() => seen.push("queued by first"));
  });
  setImmediate(() => seen.push("second"));
}, 50);
setTimeout(() => {
  checkpoint("done");
  console.log(seen.join(" | "));
}, 200);
