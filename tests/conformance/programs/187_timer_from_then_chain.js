// Timers and promises interleave: each then schedules a timer, each timer resolves the next step.
function step(label, ms) {
  return new Promise((resolve) => {
    console.log("schedule", label);
    setTimeout(() => resolve(label), ms);
  });
}
step("a", 100)
  .then((prev) => step(prev + "b", 100))
  .then((prev) => step(prev + "c", 50))
  .then(function last(result) {
    checkpoint("chain done");
    console.log("result", result);
  });
setTimeout(() => console.log("timer at 150"), 150);
