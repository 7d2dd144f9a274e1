function counter() {
  let n = 0;
  let big = {data: [1, 2, 3]};
  const inc = () => ++n;
  const peek = () => big;
  return {inc, peek};
}
const c = counter();
c.inc(); c.inc();
let keep = c.inc;
c.peek = null;
checkpoint("shared");
