async function worker(name, steps) {
  for (let i = 1; i <= steps; i++) {
    checkpoint("step");
    console.log(name, i);
    await null;
  }
  console.log(name, "done");
}
worker("a", {{ a }});
worker("b", {{ b }});
console.log("both started");
