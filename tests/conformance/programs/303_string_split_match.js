// split with a pattern (captures spliced in, a limit), match with and without g, matchAll's iterator.
const csv = "name, age ,city";
const fields = csv.split(/\s*,\s*/);
const withSeparators = "1+2-3".split(/([+-])/);
console.log(fields, withSeparators, "a b  c".split(/ +/, 2), "".split(/,/));
const digits = "a1b22c333".match(/\d+/g);
const first = "a1b22c333".match(/\d+/);
console.log(digits, first.index, first.input, "abc".match(/z/g));
const it = "k1=v1;k2=v2".matchAll(/(\w+)=(\w+)/g);
const firstPair = it.next().value;
checkpoint("iterating");
const rest = [...it].map((p) => p[1] + ":" + p[2]);
console.log(firstPair.slice(), rest);
console.log("abcabc".search(/c/), "abc".search(/x/));
