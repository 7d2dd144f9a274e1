// Top-level var and function declarations become properties of the global object.
var counter = 0;
var settings = { level: 1 };
function bump() {
  counter = counter + 1;
  checkpoint("bumped");
}
bump();
console.log(counter, globalThis.counter);
