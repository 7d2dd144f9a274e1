let address = { city: "Lyon" };
let first = { item: "book", shipTo: address };
let second = { item: "lamp", shipTo: address };
address = null;
{{ cancelled }} = null;
checkpoint("A");
const kept = first || second;
console.log(kept.item, kept.shipTo.city);
