function build(n) {
  if (n === 0) {
    checkpoint("base");
    return null;
  }
  return { value: n, next: build(n - 1) };
}
const list = build({{ depth }});
checkpoint("done");
console.log(list.value, list.next.value);
