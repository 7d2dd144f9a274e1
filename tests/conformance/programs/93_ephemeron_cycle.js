// A WeakMap value that points back to its key does not keep the key alive.
const meta = new WeakMap();
let node = { name: "n1" };
meta.set(node, { owner: node, extra: [1, 2] });
checkpoint("key held");
node = null;
checkpoint("key dropped");
