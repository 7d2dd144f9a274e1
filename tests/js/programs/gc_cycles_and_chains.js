// A cycle, a chain and a self-reference become garbage; gc() frees them all.
class Node {
  constructor(name) { this.name = name; this.next = null; }
}
let a = new Node("a");
let b = new Node("b");
a.next = b;
b.next = a;
let chain = new Node("c1");
chain.next = new Node("c2");
let self = { };
self.me = self;
a = null; b = null; chain = null; self = null;
checkpoint("all garbage");
gc();
checkpoint("after gc");
const list = [];
for (let i = 0; i < 5; i++) list.push({ i });
list.length = 2;
list[3] = "x";
delete list[3];
console.log(list.length);
