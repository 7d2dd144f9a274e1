const listeners = [];
function subscribe(fn) {
  listeners.push(fn);
}
function unsubscribe(fn) {
  listeners.splice(listeners.indexOf(fn), 1);
}
function emit(message) {
  for (const fn of listeners) {
    fn(message);
  }
}
function openWidget(name) {
  const widget = { name: name, data: [1, 2, 3, 4] };
  widget.onMessage = (message) => {
    console.log(widget.name, message, widget.data.length);
  };
  subscribe(widget.onMessage);
  return widget;
}
let first = openWidget("first");
const second = openWidget("second");
{% if unsubscribe == "yes" %}unsubscribe(first.onMessage);
{% endif %}first = null;
checkpoint("A");
emit("hello");
