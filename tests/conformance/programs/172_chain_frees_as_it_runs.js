// Callbacks waiting on one pending promise keep their captures; each is freed once its job has run.
let open;
const door = new Promise((resolve) => {
  open = resolve;
});
function waitAt(n) {
  const guest = { n };
  door.then(function enter() {
    if (guest.n === 2) {
      gc();
      checkpoint("second guest enters");
    }
  });
}
waitAt(1);
waitAt(2);
waitAt(3);
checkpoint("three waiting");
setTimeout(() => open(), 100);
