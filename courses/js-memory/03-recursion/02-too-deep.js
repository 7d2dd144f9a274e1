function countDown(n) {
  if (n === 0) {
    checkpoint("bottom");
    return 0;
  }
  return 1 + countDown(n - 1);
}
function forever(n) {
  return forever(n + 1);
}
console.log(countDown(3));
forever(0);
console.log("never printed");
