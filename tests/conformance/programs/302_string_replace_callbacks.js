// replace with a replacer function: it receives the match, the captures, the offset, the string and the groups.
const calls = [];
function shout(match, first, rest, offset, whole) {
  calls.push([match, first, rest, offset]);
  if (calls.length === 1) checkpoint("inside the replacer");
  return first.toUpperCase() + rest;
}
const title = "the quick brown fox".replace(/\b(\w)(\w*)/g, shout);
console.log(title, calls.length);
console.log("2024-05-17".replace(/(?<y>\d+)-(?<m>\d+)-(?<d>\d+)/, "$<d>/$<m>/$<y>"));
console.log("a-b-c".replace(/-/g, "$&$&"), "price: 10".replace(/(\d+)/, "$$$1.00"), "abc".replace(/b/, "[$`|$']"));
const dates = [];
"1/2 3/4".replace(/(\d)\/(\d)/g, (...args) => { dates.push(args.slice(0, 3)); return ""; });
console.log(dates);
checkpoint("after");
