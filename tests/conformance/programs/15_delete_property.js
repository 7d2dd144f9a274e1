// delete removes the property, and with it the reference to its value.
const box = { keep: { a: 1 }, drop: { b: 2 } };
checkpoint("before delete");
delete box.drop;
checkpoint("after delete");
console.log(Object.keys(box), "drop" in box);
