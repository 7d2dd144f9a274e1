// An Error keeps the functions of its stack alive until its stack is read.
function makeError() {
  const helper = function () {
    return new Error("kept");
  };
  return helper();
}
const err = makeError();
checkpoint("stack not read");
const firstLine = err.stack.split("\n")[0];
checkpoint("stack read");
console.log(firstLine);
