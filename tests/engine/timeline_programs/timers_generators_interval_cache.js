function* counter(label) {
  const box = { label };
  let n = 0;
  while (true) {
    n++;
    yield n;
  }
}
const live = counter("live");
live.next(); live.next();
counter("dropped").next();
const big = { payload: [1, 2, 3] };
const t = setTimeout((x) => console.log(x.payload.length), 50, big);
const cleared = setTimeout(() => console.log({ never: true }), 20);
clearTimeout(cleared);
Promise.resolve({ value: 1 }).then((v) => {
  checkpoint("job");
  return v;
});
const cache = [];
let ticks = 0;
const id = setInterval(() => {
  cache.push({ tick: ticks });
  ticks++;
  if (ticks === 2) { gc(); checkpoint("tick"); clearInterval(id); }
}, 10);
