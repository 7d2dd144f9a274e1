// Children point to their parent and the parent to its children: removing a subtree frees it anyway.
function makeNode(name, parent) {
  const node = { name, parent, children: [] };
  if (parent) parent.children.push(node);
  return node;
}
const root = makeNode("root", null);
const left = makeNode("left", root);
makeNode("leaf", left);
makeNode("right", root);
checkpoint("whole tree");
root.children.splice(0, 1);
checkpoint("left removed, still named");
console.log(root.children.map((c) => c.name), left.children.length);
