// Using a name that was never declared is a ReferenceError.
function report() {
  const shown = "total";
  console.log(shown, totl);
}
try {
  report();
} catch (e) {
  console.log(e.name, e.message);
  checkpoint("caught");
}
report();
