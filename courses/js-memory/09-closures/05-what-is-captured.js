function makeReport() {
  const small = [1, 2];
  const big = [1, 2, 3, 4, 5, 6, 7, 8];
  console.log(small.length + big.length);
  return () => {{ used }}.length;
}
const report = makeReport();
checkpoint("A");
console.log(report());
