const a = { v: 1 };
const b = { v: 1 };
const c = a;
const word = "hello";
const loud = word.toUpperCase();
checkpoint("A");
console.log(a === b, a === c);
console.log(a.v === b.v);
console.log(word, loud, "hel" + "lo" === word);
