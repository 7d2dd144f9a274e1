const original = { name: "config", limits: { max: 5 } };
const copy = { ...original };
copy.name = "copy";
copy.limits.max = {{ max }};
checkpoint("A");
console.log(original.name, original.limits.max);
console.log(copy.name, copy.limits.max);
console.log(copy.limits === original.limits);
