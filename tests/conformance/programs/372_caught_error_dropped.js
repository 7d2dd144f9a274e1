// A caught error is dropped when its catch block ends, also when a closure in the block captured it.
function parse(text) {
  let handlers = [];
  try {
    if (text === "") throw new Error("empty input");
    return text.length;
  } catch (err) {
    handlers.push(() => err.message);
    console.log("caught", err.message);
  }
  handlers = null;
  checkpoint("after-catch");
  return -1;
}
parse("");
function retry() {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      throw { attempt };
    } catch (e) {
      const report = () => e.attempt;
      console.log("attempt", report());
    }
  }
  checkpoint("after-loop");
}
retry();
checkpoint("top");
