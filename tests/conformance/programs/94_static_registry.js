// A static field is created once, with the class; instances register themselves in it.
class Plugin {
  static registry = [];
  constructor(name) {
    this.name = name;
    Plugin.registry.push(this);
  }
}
new Plugin("a");
let temp = new Plugin("b");
temp = null;
checkpoint("registered");
console.log(Plugin.registry.map((p) => p.name));
Plugin.registry.length = 0;
checkpoint("cleared");
