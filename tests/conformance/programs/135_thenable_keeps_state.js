// A thenable is an ordinary object: while the promise follows it, the job holds it and its data.
function makeThenable(n) {
  const state = { n, big: [n, n, n] };
  return {
    state,
    then(onDone) {
      checkpoint("in then");
      setTimeout(() => onDone(state.n * 2), 100);
    },
  };
}
const p = Promise.resolve(makeThenable(21));
p.then(function show(v) {
  checkpoint("resolved");
  console.log("value", v);
});
