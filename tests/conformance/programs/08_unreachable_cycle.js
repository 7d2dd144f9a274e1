// A cycle that nothing else points to is garbage for a tracing collector.
function makeCycle() {
  const a = { name: "a" };
  const b = { name: "b" };
  a.other = b;
  b.other = a;
  checkpoint("inside");
}
makeCycle();
checkpoint("after return");
gc();
checkpoint("after gc");
