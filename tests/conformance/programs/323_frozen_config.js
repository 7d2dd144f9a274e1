// Object.freeze is shallow: writes to a frozen object are ignored in sloppy code, its nested objects stay writable; the same objects, no copies.
const config = Object.freeze({
  name: "app",
  limits: { users: 10 },
  tags: ["a", "b"],
});
config.name = "changed";
config.extra = true;
delete config.name;
config.limits.users = 20;
config.tags.push("c");
checkpoint("after the writes");
console.log(config, Object.isFrozen(config), Object.isFrozen(config.limits));
class Writer {
  // class bodies are strict code: the refused writes throw
  static write() {
    try {
      config.name = "x";
    } catch (e) {
      console.log(e.name + ": " + e.message);
    }
    try {
      config.added = 1;
    } catch (e) {
      console.log(e.name + ": " + e.message);
    }
  }
}
Writer.write();
