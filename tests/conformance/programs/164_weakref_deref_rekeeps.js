// deref() keeps the target alive until the current drain ends; holding it strongly keeps it for good.
let strong = { id: 1 };
const ref = new WeakRef(strong);
let holder = null;
setTimeout(function first() {
  strong = null;
  const seen = ref.deref();
  gc();
  console.log("first timer sees", seen.id);
}, 100);
setTimeout(function second() {
  gc();
  console.log("second timer:", ref.deref() === undefined ? "gone" : "still here");
  holder = { ref };
  checkpoint("end");
}, 200);
