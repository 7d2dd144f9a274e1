const visits = new WeakMap();
let ada = { name: "ada" };
let root = { name: "root" };
visits.set(ada, { count: 3 });
visits.set(root, { count: 9 });
{{ dropped }} = null;
checkpoint("A");
const left = ada || root;
console.log(left.name, visits.get(left).count);
