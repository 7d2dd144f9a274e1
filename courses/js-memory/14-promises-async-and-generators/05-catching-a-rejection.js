async function step(name) {
  if (name === "{{ failing }}") {
    throw new Error(name + " failed");
  }
  return name + " ok";
}
async function run() {
  try {
    console.log(await step("load"));
    console.log(await step("parse"));
    console.log(await step("save"));
  } catch (error) {
    checkpoint("caught");
    console.log("caught:", error.message);
  } finally {
    console.log("cleanup");
  }
  return "end";
}
run().then(function done(result) {
  console.log(result);
});
console.log("script done");
