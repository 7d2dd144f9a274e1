function consume(list) {
  checkpoint("deep");
  return list.length;
}
function produce(n) {
  const items = [];
  for (let i = 0; i < n; i++) {
    items.push({ id: i });
  }
  return consume(items);
}
console.log(produce({{ count }}));
checkpoint("after");
