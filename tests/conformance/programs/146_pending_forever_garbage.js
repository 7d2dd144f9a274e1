// An async function awaiting a promise nothing else refers to is garbage, with all its locals.
async function stuck() {
  const big = { rows: [1, 2, 3] };
  await new Promise(() => {});
  console.log("never", big.rows.length);
}
stuck();
checkpoint("just suspended");
setTimeout(function later() {
  gc();
  checkpoint("later");
  console.log("the program ends anyway");
}, 100);
