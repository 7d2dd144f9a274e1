// return() on a suspended generator runs its finally block and completes it.
function* worker() {
  const job = { step: 0 };
  try {
    while (true) {
      job.step += 1;
      yield job.step;
    }
  } finally {
    checkpoint("finally");
    console.log("cleanup at step", job.step);
  }
}
const g = worker();
g.next();
g.next();
console.log(g.return("stopped"));
console.log(g.next());
checkpoint("completed");
