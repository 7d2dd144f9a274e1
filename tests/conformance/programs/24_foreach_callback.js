// forEach calls the callback for each item; forEach itself is not shown on the stack.
const scores = [10, 20];
let total = 0;
scores.forEach((score, index) => {
  total += score;
  checkpoint("callback " + index);
});
console.log(total);
