// while, do...while and switch, with block-scoped values inside.
let n = 0;
while (n < 3) {
  n++;
}
do {
  n--;
} while (n > 1);
function kind(x) {
  switch (x) {
    case 1: {
      const word = "one";
      checkpoint("case one");
      return word;
    }
    default:
      return "many";
  }
}
console.log(n, kind(1), kind(5));
