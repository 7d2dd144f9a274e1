// A catch can rethrow: the async function's promise rejects, finally still runs first.
async function step(n) {
  await null;
  if (n === 2) throw new RangeError("step " + n + " failed");
  return n;
}
async function run() {
  try {
    console.log(await step(1));
    console.log(await step(2));
  } catch (error) {
    console.log("inner catch", error.message);
    throw error;
  } finally {
    console.log("inner finally");
  }
}
run().catch((error) => console.log("outer catch", error.name));
