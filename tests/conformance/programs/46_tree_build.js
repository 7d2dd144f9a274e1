// An object literal is numbered when it starts, before the calls inside it run.
function tree(depth) {
  if (depth === 0) {
    checkpoint("leaf");
    return null;
  }
  return { depth, left: tree(depth - 1) };
}
const root = tree(2);
checkpoint("root");
console.log(root.depth, root.left.depth);
