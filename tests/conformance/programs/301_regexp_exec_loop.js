// exec with the g flag walks a string through lastIndex; each match is a new array with index, input and groups.
const text = "x=1, y=22, z=333";
const pair = /(?<key>\w+)=(?<value>\d+)/g;
const found = [];
let m;
while ((m = pair.exec(text)) !== null) {
  found.push({ key: m.groups.key, value: Number(m[2]), at: m.index, next: pair.lastIndex });
  if (found.length === 2) checkpoint("second match");
}
console.log(found);
console.log(pair.lastIndex, m);
const sticky = /\d/y;
console.log(sticky.test("12a"), sticky.lastIndex, sticky.test("12a"), sticky.test("12a"), sticky.lastIndex);
checkpoint("done");
