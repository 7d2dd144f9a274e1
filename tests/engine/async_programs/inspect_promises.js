// console.log shows a promise's state and value as node's util.inspect does.
const done = Promise.resolve(1);
const waiting = new Promise(() => {});
const failed = Promise.reject(5);
failed.catch(() => {});
console.log(done, waiting, failed);
console.log([done, waiting], { p: done });
console.log(Promise.resolve({ x: 1, y: [1, 2] }));
const tagged = Promise.resolve("s");
tagged.extra = 3;
console.log(tagged);
console.log(Promise.resolve(undefined), Promise.resolve(Promise.resolve(2)));
console.log(String(done), `${waiting}`);
async function later() {
  return 7;
}
const p = later();
console.log(p);
p.then((v) => console.log(v, p));
function* gen() {
  yield 1;
}
console.log(gen(), [gen()]);
