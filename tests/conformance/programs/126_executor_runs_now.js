// The executor runs synchronously inside new Promise; only the reactions wait for a job.
console.log("before");
const p = new Promise(function executor(resolve) {
  console.log("executor");
  checkpoint("in executor");
  resolve("done");
  console.log("after resolve");
});
p.then((v) => console.log("then", v));
console.log("after new Promise");
