// Static blocks run once, in order with static fields, when the class is defined; `this` is the class; their vars
// are their own; what they build stays reachable through the class.
const order = [];
class Registry {
  static #entries = new Map();
  static defaults = ["a", "b"];
  static {
    var local = { made: "in block" };
    for (const key of this.defaults) {
      Registry.#entries.set(key, { key });
    }
    order.push("block 1");
  }
  static size = Registry.#entries.size;
  static {
    order.push("block 2: " + this.size);
  }
  static lookup(key) {
    return Registry.#entries.get(key);
  }
}
checkpoint("defined");
console.log(order.join(", "), Registry.lookup("a").key, typeof local);
