function makeRing(size) {
  const first = { id: 0, next: null };
  let last = first;
  for (let i = 1; i < size; i++) {
    const node = { id: i, next: null };
    last.next = node;
    last = node;
  }
  last.next = first;
  return first;
}
let ring = makeRing({{ size }});
checkpoint("built");
console.log(ring.next.next.id);
ring = null;
checkpoint("dropped");
gc();
checkpoint("swept");
