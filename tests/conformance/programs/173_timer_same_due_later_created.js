// A timer created later but due at the same time as an older one fires after it.
const fired = [];
setTimeout(() => fired.push("A due 200"), 200);
setTimeout(() => {
  fired.push("B at 100");
  setTimeout(() => fired.push("C due 200, made at 100"), 100);
  setTimeout(() => fired.push("D due 150"), 50);
}, 100);
setTimeout(() => {
  checkpoint("all fired");
  console.log(fired);
}, 300);
