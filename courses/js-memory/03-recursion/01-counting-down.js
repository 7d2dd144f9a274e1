function countDown(n) {
  if (n === 0) {
    checkpoint("bottom");
    return;
  }
  console.log(n);
  countDown(n - 1);
}
countDown({{ depth }});
console.log("lift off");
