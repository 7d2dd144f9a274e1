// An async function runs synchronously until its first await, then the caller continues.
async function task(name) {
  console.log(name, "start");
  await null;
  console.log(name, "after await");
  return name.length;
}
console.log("before");
const p = task("alpha");
task("be");
console.log("after calls");
p.then((n) => console.log("alpha returned", n));
