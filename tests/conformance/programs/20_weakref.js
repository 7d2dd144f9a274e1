// Within one synchronous script a WeakRef target is kept until the job ends.
let target = { value: 42 };
const ref = new WeakRef(target);
target = null;
gc();
checkpoint("after gc");
console.log(ref.deref() === undefined ? "gone" : "still here");
