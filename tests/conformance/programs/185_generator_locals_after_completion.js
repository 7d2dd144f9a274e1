// A finished generator object still holds its parameters (as they were at its last yield) and the scope
// it last yielded in, but not its other locals.
function* pair(a, b) {
  const both = { a, b };
  yield both.a;
  b = { replaced: true };
  {
    const shared = { note: "captured" };
    const read = () => shared;
    yield read().note;
  }
}
const g = pair({ name: "left" }, { name: "right" });
g.next();
checkpoint("suspended");
g.next();
g.next();
checkpoint("finished");
console.log(g.next().done);
