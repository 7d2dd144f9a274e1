// A WeakRef read across awaits: the target lives while an awaiting frame holds it, then it goes.
function tick() {
  return new Promise((resolve) => setTimeout(resolve, 100));
}
async function watch() {
  let subject = { label: "watched" };
  const ref = new WeakRef(subject);
  await tick();
  gc();
  console.log("held by a local:", ref.deref() !== undefined);
  subject = null;
  await tick();
  gc();
  console.log("after dropping it:", ref.deref() === undefined ? "collected" : "alive");
  checkpoint("end of watch");
}
watch();
