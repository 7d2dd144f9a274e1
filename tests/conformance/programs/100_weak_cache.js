// A Map cache keeps entries for dropped keys; a WeakMap cache lets them go.
const strong = new Map();
const weak = new WeakMap();
function describe(user, cache) {
  if (!cache.has(user)) {
    cache.set(user, { summary: user.name.toUpperCase() });
  }
  return cache.get(user).summary;
}
let ann = { name: "ann" };
describe(ann, strong);
describe(ann, weak);
checkpoint("cached twice");
ann = null;
checkpoint("user dropped");
console.log(strong.size);
