// Unlinking the middle node of a doubly linked list.
const a = { value: "a", prev: null, next: null };
const b = { value: "b", prev: a, next: null };
const c = { value: "c", prev: b, next: null };
a.next = b;
b.next = c;
function unlink(node) {
  node.prev.next = node.next;
  node.next.prev = node.prev;
  checkpoint("unlinking " + node.value);
}
unlink(b);
console.log(a.next.value, c.prev.value, b.next.value);
