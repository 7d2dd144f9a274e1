// Two closures share one scope object; dropping one keeps the scope alive through the other.
function makePair() {
  let count = 0;
  const big = { payload: [1, 2, 3] };
  const inc = () => { count++; return count; };
  const peek = function () { return big; };
  return { inc, peek };
}
let pair = makePair();
pair.inc();
const keep = pair.peek;
pair = null;
checkpoint("one closure left");
gc();
for (let i = 0; i < 3; i++) {
  const f = () => i;
  keep();
}
checkpoint("loop done");
