// Three frames on the stack: each call waits for the one it made.
function area(width, height) {
  const result = width * height;
  checkpoint("deepest");
  return result;
}
function room(name) {
  const size = area(3, 4);
  return name + ": " + size;
}
function house() {
  const label = room("kitchen");
  console.log(label);
  return label;
}
house();
checkpoint("after");
