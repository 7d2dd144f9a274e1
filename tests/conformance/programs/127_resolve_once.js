// A promise settles once: later resolve and reject calls are ignored.
const p = new Promise((resolve, reject) => {
  resolve("first");
  resolve("second");
  reject(new Error("too late"));
});
p.then((v) => console.log("value", v));
const q = new Promise((resolve, reject) => {
  reject(new Error("rejected"));
  resolve("ignored");
});
q.catch((e) => console.log("error", e.message));
