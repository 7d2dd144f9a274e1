function loadReport(name) {
  const rows = [{ day: 1 }, { day: 2 }, { day: 3 }];
  const ready = new Promise(function wait(resolve) {
    setTimeout(resolve, 100, name);
  });
  ready.then(function render(title) {
    console.log(title, rows.length);
  });
}
loadReport("{{ name }}");
setTimeout(function inspect() {
  checkpoint("A");
  console.log("inspect");
}, {{ at }});
