function Node(v) { this.v = v; this.next = null; }
let a = new Node(1), b = new Node(2);
a.next = b; b.next = a;
a = null; b = null;
checkpoint("cycle");
gc();
let w = new WeakMap();
let k = {id: 1};
w.set(k, {payload: [k]});
const r = new WeakRef(k);
checkpoint("weak");
k = null;
gc();
checkpoint("after");
