// A listener registry keeps handlers (and what they close over) alive until removed.
const listeners = [];
function on(handler) {
  listeners.push(handler);
}
function off(handler) {
  const i = listeners.indexOf(handler);
  if (i >= 0) listeners.splice(i, 1);
}
function widget() {
  const state = { clicks: 0 };
  const onClick = () => state.clicks++;
  on(onClick);
  return onClick;
}
const handler = widget();
checkpoint("registered");
off(handler);
checkpoint("removed");
console.log(listeners.length);
