function makePair() {
  const left = { side: "left" };
  const right = { side: "right" };
  left.other = right;
  right.other = left;
  return left;
}
let pair = makePair();
let single = { alone: true };
pair = null;
single = null;
checkpoint("A");
gc();
checkpoint("B");
