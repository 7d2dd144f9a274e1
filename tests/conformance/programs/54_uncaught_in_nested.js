// An error thrown deep in the stack unwinds every frame.
function level3(items) {
  if (items.length === 0) {
    throw new RangeError("no items");
  }
  return items[0];
}
function level2(items) {
  return level3(items);
}
function level1() {
  const holder = { items: [] };
  checkpoint("about to fail");
  return level2(holder.items);
}
level1();
