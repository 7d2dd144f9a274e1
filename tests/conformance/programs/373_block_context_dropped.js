// A block's context is dropped when the block is left, by its end, a break, or a throw caught in the same function.
const saved = [];
function blocks() {
  let fns = [];
  {
    let inner = { tag: "inner" };
    fns.push(() => inner);
  }
  for (let i = 0; i < 3; i++) {
    let item = { i };
    fns.push(() => item);
    if (i === 1) break;
  }
  fns = null;
  checkpoint("after-blocks");
  try {
    {
      let doomed = { tag: "doomed" };
      fns = [() => doomed];
      throw new Error("leave");
    }
  } catch (e) {
    fns = null;
  }
  {
    let kept = { tag: "kept" };
    saved.push(() => kept);
  }
  checkpoint("after-throw");
}
blocks();
checkpoint("top");
