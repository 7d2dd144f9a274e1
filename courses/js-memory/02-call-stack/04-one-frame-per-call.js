function step(i) {
  const doubled = i * 2;
  checkpoint("S");
  return doubled;
}
function run(times) {
  let sum = 0;
  for (let i = 1; i <= times; i++) {
    sum = sum + step(i);
  }
  return sum;
}
console.log(run({{ times }}));
