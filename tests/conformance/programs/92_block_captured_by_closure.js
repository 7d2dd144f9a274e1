// A block variable a closure uses lives in a block scope object; the others stay in the frame.
function setup() {
  let reader;
  {
    const big = { bytes: 1000 };
    const config = { mode: "fast" };
    reader = () => config.mode;
  }
  checkpoint("after block");
  return reader;
}
const read = setup();
checkpoint("after return");
console.log(read());
