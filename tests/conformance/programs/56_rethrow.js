// A rethrown error keeps the line where it was first thrown.
function inner() {
  throw new Error("original");
}
function outer() {
  try {
    inner();
  } catch (e) {
    console.log("logging", e.message);
    throw e;
  }
}
outer();
