// An error thrown in an immediate ends the run like one thrown in a timer.
function check(value) {
  if (value > 1) throw new RangeError("value too large: " + value);
  return value;
}
setTimeout(() => {
  setImmediate(() => console.log("checked", check(1)));
  setImmediate(() => console.log("checked", check(5)));
  setImmediate(() => console.log("never printed"));
}, 50);
