// A Map keeps its keys and values alive, even object keys nobody else uses.
const owners = new Map();
let pet = { kind: "cat" };
owners.set(pet, { name: "Sam" });
pet = null;
checkpoint("map holds key");
console.log(owners.size);
owners.clear();
checkpoint("cleared");
