const log = [];
function handle(batch) {
  const summary = { size: batch.length };
  log.push(summary);
  return summary.size;
}
function run(batches) {
  let total = 0;
  for (let b = 0; b < batches; b++) {
    const batch = [b, b + 1, b + 2];
    total = total + handle(batch);
    checkpoint("mid");
    gc();
  }
  return total;
}
console.log(run({{ batches }}));
checkpoint("end");
