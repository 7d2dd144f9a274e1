// A timeout raced against slow work: the loser's timer is cleared so nothing keeps it around.
function slowWork() {
  const result = { rows: [1, 2, 3] };
  return new Promise((resolve) => setTimeout(() => resolve(result), 300));
}
function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject("timed out after " + ms), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
withTimeout(slowWork(), 100).catch((reason) => console.log(reason));
withTimeout(Promise.resolve("quick"), 200).then(function quick(v) {
  checkpoint("quick won");
  console.log(v);
});
