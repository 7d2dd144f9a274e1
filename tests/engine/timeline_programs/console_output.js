const o = {a: [1, 2], b: "two\nlines"};
console.log(o);
console.log(o.b);
for (let i = 0; i < 3; i++) console.log("i =", i);
checkpoint("printed");
