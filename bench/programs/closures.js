// 20,000 closures made in a loop, each capturing its own variable, then all called.
function makeAdder(k) {
  return x => x + k;
}
const adders = [];
for (let i = 0; i < 20000; i++) {
  adders.push(makeAdder(i));
}
let sum = 0;
for (let i = 0; i < adders.length; i++) {
  sum = adders[i](sum) % 1000003;
}
checkpoint("closures");
console.log(sum);
