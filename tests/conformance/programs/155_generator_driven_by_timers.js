// A generator advanced from timers: its body runs in the timer's task, with no <global> frame.
function* steps() {
  const state = { count: 0 };
  while (state.count < 3) {
    state.count += 1;
    checkpoint("step " + state.count);
    yield state.count;
  }
}
const it = steps();
function advance() {
  const r = it.next();
  console.log("advanced", r.value, r.done);
  if (!r.done) setTimeout(advance, 100);
}
setTimeout(advance, 100);
