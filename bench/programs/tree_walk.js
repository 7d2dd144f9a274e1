// A recursive tree walk: build a complete binary tree of 8,191 nodes recursively, then sum and measure it.
function build(depth, start) {
  if (depth === 0) return null;
  return {value: start, left: build(depth - 1, start * 2), right: build(depth - 1, start * 2 + 1)};
}
function sum(node) {
  if (node === null) return 0;
  return node.value + sum(node.left) + sum(node.right);
}
function height(node) {
  if (node === null) return 0;
  return 1 + Math.max(height(node.left), height(node.right));
}
const tree = build(13, 1);
checkpoint("tree");
console.log(sum(tree), height(tree));
