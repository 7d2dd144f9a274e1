function length(node) {
  if (node.next === null) {
    checkpoint("end");
    return 1;
  }
  return 1 + length(node.next);
}
const first = { id: 1, next: null };
let last = first;
for (let id = 2; id <= {{ size }}; id++) {
  last.next = { id: id, next: null };
  last = last.next;
}
console.log("last id", last.id);
console.log(length(first));
if ({{ ring }}) {
  last.next = first;
}
console.log(length(first));
