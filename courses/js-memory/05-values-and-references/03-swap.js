function swapValues(a, b) {
  const t = a;
  a = b;
  b = t;
  checkpoint("S");
}
function swapInside(pair) {
  const t = pair.left;
  pair.left = pair.right;
  pair.right = t;
}
let first = {{ x }};
let second = {{ y }};
swapValues(first, second);
const pair = { left: {{ x }}, right: {{ y }} };
swapInside(pair);
console.log(first, second);
console.log(pair.left, pair.right);
