// An async function suspended at an await keeps its locals while the awaited promise can still settle.
function later(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
async function job(id) {
  const buffer = { id, bytes: [1, 2, 3] };
  const unused = { id, note: "kept too" };
  await later(200);
  checkpoint("job resumed");
  return buffer.bytes.length;
}
job(1).then((n) => console.log("bytes", n));
setTimeout(function inBetween() {
  gc();
  checkpoint("while suspended");
}, 100);
