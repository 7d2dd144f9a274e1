// Object patterns whose targets are members: each target's object is evaluated before its value is read, a
// rest element makes a new object, and a default runs only for undefined.
const point = {};
const cells = [];
let extra;
function target(obj, label) {
  console.log("target", label);
  return obj;
}
const input = { x: 1, y: undefined, z: { deep: true }, w: 4 };
({ x: target(point, "x").x, y: target(cells, "y")[0] = "dflt", ...extra } = input);
console.log(JSON.stringify(point), JSON.stringify(cells), JSON.stringify(extra));
checkpoint("targets_done");

const pairs = [["a", 1], ["b", 2]];
const table = {};
let key, value;
for ([key, value] of pairs) {
  table[key] = { value };
}
checkpoint("table_built");
console.log(Object.keys(table).join(","), table.b.value);
