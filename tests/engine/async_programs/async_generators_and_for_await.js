// Async generators: for await over them and over sync iterables, next/return/throw and their queue, interleaved with promise jobs as in V8.
async function* count(n) {
  try {
    for (let i = 0; i < n; i++) {
      console.log("yielding", i);
      yield i;
    }
    return "end";
  } finally {
    console.log("finally");
  }
}
async function main() {
  for await (const v of count(3)) {
    console.log("got", v);
  }
  const g = count(5);
  console.log(await g.next(), await g.next());
  console.log(await g.return(9));
  console.log(await g.next());
  for await (const x of [1, Promise.resolve(2), 3]) console.log("x", x);
  for await (const v of count(4)) {
    if (v === 1) break;
    console.log("b", v);
  }
  const h = count(2);
  const ps = [h.next(), h.next(), h.next(), h.next()];
  console.log(await Promise.all(ps));
  console.log(Object.prototype.toString.call(h), h[Symbol.asyncIterator]() === h);
  console.log(count, h);
}
main().then(() => console.log("done"));
Promise.resolve().then(() => console.log("tick1")).then(() => console.log("tick2")).then(() => console.log("tick3"));
