function node(name, parent) {
  const n = { name: name, parent: parent, children: [] };
  if (parent !== null) {
    parent.children.push(n);
  }
  return n;
}
function buildTree() {
  const root = node("root", null);
  const left = node("left", root);
  node("right", root);
  node("leaf", left);
  return root;
}
let tree = buildTree();
const byName = { left: tree.children[0], right: tree.children[1], leaf: tree.children[0].children[0] };
const kept = byName.{{ keep }};
tree = null;
byName.left = null;
byName.right = null;
byName.leaf = null;
checkpoint("A");
console.log(kept.name, kept.parent.name);
