function scheduleReminder(user) {
  const note = { to: user, text: "Your session ends soon" };
  return setTimeout(function remind() {
    console.log(note.text + ", " + note.to);
  }, 1000);
}
const reminder = scheduleReminder("{{ user }}");
console.log("scheduled");
{% if cancel == "yes" %}clearTimeout(reminder);
console.log("cancelled");
{% endif %}checkpoint("A");
