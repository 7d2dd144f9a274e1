// A settled promise holds its value for as long as the promise is reachable.
let p = Promise.resolve({ big: [1, 2, 3] });
checkpoint("promise holds value");
p.then(function use(value) {
  checkpoint("in then");
  console.log(value.big.length);
});
setTimeout(() => {
  p = null;
  gc();
  checkpoint("promise dropped");
}, 100);
