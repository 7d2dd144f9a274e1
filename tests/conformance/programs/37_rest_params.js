// Rest parameters collect the remaining arguments into a new array.
function sum(label, ...values) {
  let total = 0;
  for (const v of values) total += v;
  checkpoint("summing");
  return label + " " + total;
}
console.log(sum("total", 1, 2, 3));
