// A suspended async function keeps its arguments and `this`; the caller's frame is long gone.
const registry = {
  name: "registry",
  async register(entry, extra) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    checkpoint("register resumed");
    return this.name + " has " + entry.key;
  },
};
function start() {
  const entry = { key: "k1" };
  return registry.register(entry, { unused: true });
}
start().then((msg) => console.log(msg));
setTimeout(function meanwhile() {
  checkpoint("meanwhile");
}, 50);
