// seal keeps values writable but the shape fixed; a non-writable property ignores writes; redefining a non-configurable one throws.
const point = Object.seal({ x: 1, y: 2 });
point.x = 10;
point.z = 3;
delete point.y;
const id = {};
Object.defineProperty(id, "value", { value: 42, enumerable: true });
id.value = 0;
checkpoint("sealed and read-only");
console.log(point, Object.isSealed(point), Object.isFrozen(point), id);
try {
  Object.defineProperty(id, "value", { value: 1 });
} catch (e) {
  console.log(e.name + ": " + e.message);
}
console.log(Object.getOwnPropertyDescriptor(point, "x"), Object.getOwnPropertyDescriptor(id, "value"));
