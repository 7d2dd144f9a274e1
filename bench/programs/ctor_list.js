// Building a 10,000-node linked list with a constructor function and a prototype method, then walking it.
function Node(value, next) {
  this.value = value;
  this.next = next;
}
Node.prototype.sum = function () {
  let total = 0;
  for (let n = this; n !== null; n = n.next) total += n.value;
  return total;
};
let head = null;
for (let i = 0; i < 10000; i++) {
  head = new Node(i, head);
}
checkpoint("built");
console.log(head.sum());
