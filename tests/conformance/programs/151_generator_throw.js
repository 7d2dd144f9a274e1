// throw() raises the error at the yield; a try/catch inside the generator can recover and go on.
function* resilient() {
  let failures = 0;
  while (failures < 2) {
    try {
      yield "working";
    } catch (error) {
      failures += 1;
      console.log("recovered from", error, failures);
    }
  }
  return "gave up";
}
const g = resilient();
console.log(g.next().value);
console.log(g.throw("glitch").value);
console.log(g.throw("crash"));
try {
  g.throw("after end");
} catch (e) {
  console.log("thrown out:", e);
}
