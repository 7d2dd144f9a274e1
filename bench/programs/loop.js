// The 100,000-iteration loop: arithmetic on locals, no calls, no allocation.
let total = 0;
for (let i = 0; i < 100000; i++) {
  total = (total + i * 3) % 1000003;
}
checkpoint("done");
console.log(total);
