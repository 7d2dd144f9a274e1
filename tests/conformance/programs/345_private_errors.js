// Errors of private members, caught: reading and writing a field of an object whose class did not declare it, a
// private method written, a setter-only accessor read, a brand check on a primitive, and a field initialised
// twice on one object through a base constructor that returns it; the last one is uncaught.
class Base {
  constructor(target) {
    return target;
  }
}
class Stamp extends Base {
  #id = 1;
  constructor(target) {
    super(target);
  }
  static id(o) {
    return o.#id;
  }
  static setId(o, v) {
    o.#id = v;
  }
}
class Gadget {
  #run() {}
  set #mode(m) {}
  tryWrite() {
    this.#run = 1;
  }
  tryRead() {
    return this.#mode;
  }
  static has(o) {
    return #run in o;
  }
}
const messages = [];
const attempts = [
  () => Stamp.id({}),
  () => Stamp.setId([], 2),
  () => new Gadget().tryWrite(),
  () => new Gadget().tryRead(),
  () => Gadget.has(42),
];
for (const f of attempts) {
  try {
    f();
  } catch (e) {
    messages.push(e.constructor.name + ": " + e.message);
  }
}
console.log(messages.join("\n"));
const target = { plain: true };
new Stamp(target);
console.log(Stamp.id(target));
new Stamp(target);
