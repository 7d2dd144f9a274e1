// let and const exist from the start of their block but cannot be read before their line.
function demo() {
  checkpoint("before declarations");
  let ready = { yes: true };
  const limit = 10;
  checkpoint("after declarations");
  return ready;
}
demo();
let late = 1;
