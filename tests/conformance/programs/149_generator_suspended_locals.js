// A suspended generator keeps its frame: its arguments and locals live while the generator object does.
function* reader(source) {
  const buffer = { chunks: [] };
  for (const item of source) {
    buffer.chunks.push(item);
    yield buffer.chunks.length;
  }
}
let it = reader([{ id: 1 }, { id: 2 }]);
console.log(it.next().value);
checkpoint("suspended");
it = null;
checkpoint("dropped");
