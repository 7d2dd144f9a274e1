// With var, every closure made in the loop shares one binding.
function makeAll() {
  var fns = [];
  for (var i = 0; i < 3; i++) {
    fns.push(function () {
      return i;
    });
  }
  checkpoint("made");
  return fns;
}
const fns = makeAll();
console.log(fns.map((f) => f()));
