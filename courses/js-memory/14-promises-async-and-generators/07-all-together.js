function after(ms, value) {
  return new Promise(function wait(resolve) {
    setTimeout(function ring() {
      console.log("ready", value);
      resolve(value);
    }, ms);
  });
}
const downloads = [after({{ a }}, "a"), after({{ b }}, "b"), after({{ c }}, "c")];
Promise.{{ combinator }}(downloads).then(function report(result) {
  checkpoint("A");
  console.log("{{ combinator }}:", String(result));
});
console.log("started");
