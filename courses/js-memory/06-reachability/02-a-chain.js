let head = { value: 1, next: { value: 2, next: { value: 3, next: null } } };
const kept = {{ path }};
head = null;
checkpoint("A");
let count = 0;
for (let node = kept; node !== null; node = node.next) {
  count = count + 1;
}
console.log(kept.value, count);
