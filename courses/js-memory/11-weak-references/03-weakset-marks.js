const seen = new WeakSet();
function handle(message) {
  if (seen.has(message)) {
    return "again " + message.id;
  }
  seen.add(message);
  return "new " + message.id;
}
let inbox = [];
for (let id = 0; id < 3; id++) {
  inbox.push({ id: id });
}
for (const m of inbox) {
  console.log(handle(m));
}
console.log(handle(inbox[1]));
const latest = inbox[{{ keep }}];
inbox = null;
checkpoint("A");
