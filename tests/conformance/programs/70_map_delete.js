// Deleting a Map entry lets its key and value be collected.
const sessions = new Map();
function login(name) {
  const user = { name };
  sessions.set(user, { started: 1 });
  return user;
}
const ann = login("ann");
login("bob");
checkpoint("two sessions");
for (const key of [...sessions.keys()]) {
  if (key !== ann) sessions.delete(key);
}
checkpoint("one session");
console.log(sessions.size);
