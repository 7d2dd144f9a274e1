// An async function awaiting itself recursively: every level stays suspended until the deepest returns.
async function depth(n) {
  const level = { n };
  if (n === 0) {
    checkpoint("deepest");
    return 0;
  }
  const below = await depth(n - 1);
  return below + level.n;
}
depth(3).then((sum) => console.log("sum", sum));
