// A timer can cancel another one before it is due; the cancelled callback's captures are freed.
function scheduleReminder() {
  const note = { text: "call back" };
  return setTimeout(function remind() {
    console.log("reminder:", note.text);
  }, 300);
}
const reminder = scheduleReminder();
setTimeout(function cancel() {
  checkpoint("before cancel");
  clearTimeout(reminder);
  checkpoint("after cancel");
}, 100);
setTimeout(() => console.log("the reminder never came"), 400);
