// Build a 10,000-node linked list, walk it, then drop it and collect.
function build(n) {
  let head = null;
  for (let i = 0; i < n; i++) {
    head = {value: i, next: head};
  }
  return head;
}
let list = build(10000);
let length = 0;
for (let node = list; node !== null; node = node.next) {
  length++;
}
checkpoint("built");
list = null;
gc();
checkpoint("dropped");
console.log(length);
