// A WeakMap entry lives only while its key is reachable from elsewhere.
const notes = new WeakMap();
let user = { name: "Kim" };
notes.set(user, { note: "likes tea" });
checkpoint("key alive");
user = null;
checkpoint("key dropped");
