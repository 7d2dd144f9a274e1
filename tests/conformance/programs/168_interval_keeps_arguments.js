// clearInterval drops the callback, but the Timeout keeps its extra arguments while the program holds it.
function collect(store) {
  store.samples.push(store.samples.length);
}
let handle = setInterval(collect, 100, { samples: [] });
setTimeout(function stop() {
  clearInterval(handle);
  gc();
  checkpoint("cleared, handle held");
  handle = null;
  gc();
  checkpoint("handle dropped");
}, 350);
