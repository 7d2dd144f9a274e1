// Objects made by built-ins (JSON.parse, Array.from, Object.create) have no site; [...set] is a literal.
const parsed = JSON.parse('{"a": {"b": [1, 2]}}');
const fromSet = [...new Set([3, 3, 4])];
const copy = Array.from([5, 6]);
const proto = { hello() { return "hi"; } };
const child = Object.create(proto);
checkpoint("built-ins");
console.log(parsed, fromSet, copy, child.hello(), Object.getPrototypeOf(child) === proto);
