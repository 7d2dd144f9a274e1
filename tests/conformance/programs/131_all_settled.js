// Promise.allSettled waits for every input and describes each outcome.
const inputs = [
  Promise.resolve("yes"),
  Promise.reject("no"),
  new Promise((resolve) => setTimeout(() => resolve("late"), 100)),
  7,
];
Promise.allSettled(inputs).then(function report(outcomes) {
  checkpoint("settled");
  for (const o of outcomes) console.log(o.status, o.value ?? o.reason);
});
