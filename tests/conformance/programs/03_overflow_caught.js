// Recursion without a base case overflows the stack; the error can be caught.
function forever(n) {
  return forever(n + 1);
}
let message = "none";
try {
  forever(0);
} catch (error) {
  message = error.name + ": " + error.message;
  checkpoint("caught");
}
console.log(message);
