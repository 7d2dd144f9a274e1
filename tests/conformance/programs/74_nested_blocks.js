// Inner blocks shadow outer bindings; a block's last value stays until the frame ends.
function shadow() {
  const x = "outer";
  {
    const x = { inner: true };
    checkpoint("inner block");
  }
  checkpoint("after block");
  return x;
}
shadow();
{
  let top = { block: "top" };
}
checkpoint("top after block");
