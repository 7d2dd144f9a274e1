function run() {
  {
    const scratch = { size: 100 };
    console.log(scratch.size);
  }
  const result = { done: true };
  checkpoint("after-block");
  return result;
}
const outcome = run();
checkpoint("after-run");
console.log(outcome.done);
