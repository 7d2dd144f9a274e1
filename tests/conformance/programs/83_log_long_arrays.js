// Long arrays and objects are broken over several lines; more than 100 items are elided.
const digits = [];
for (let i = 0; i < 30; i++) digits.push(i * 1000);
console.log(digits);
const many = [];
for (let i = 0; i < 120; i++) many.push(i);
console.log(many);
console.log({ alpha: "aaaaaaaaaa", beta: "bbbbbbbbbb", gamma: "cccccccccc", delta: "dddddddddd", epsilon: 5 });
console.log([{ id: 1, name: "first item" }, { id: 2, name: "second item" }, { id: 3, name: "third" }]);
