// Building a linked list, then dropping its head, frees every node.
function build(n) {
  let head = null;
  for (let i = n; i > 0; i--) {
    head = { value: i, next: head };
  }
  return head;
}
let list = build(3);
checkpoint("built");
list = null;
gc();
checkpoint("dropped");
