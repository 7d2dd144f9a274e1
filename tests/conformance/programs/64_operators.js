// typeof, instanceof and in answer questions about values.
class Animal {}
class Bird extends Animal {}
const tweety = new Bird();
console.log(tweety instanceof Bird, tweety instanceof Animal, tweety instanceof Array);
console.log("x" in { x: undefined }, "y" in { x: 1 }, typeof tweety, typeof Bird);
let i = 5;
i += 2;
i *= 3;
i--;
console.log(i, i++ + ++i, i, "5" == 5, "5" === 5, null == undefined);
checkpoint("ops");
