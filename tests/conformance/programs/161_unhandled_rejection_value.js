// Rejecting with a value that is not an Error: node wraps it in its own UnhandledPromiseRejection error.
async function validate(input) {
  await null;
  if (input < 0) throw "negative input";
  return input;
}
validate(1).then((v) => console.log("valid", v));
setTimeout(() => {
  console.log("timer runs before the rejection");
  validate(-1);
}, 100);
