// A regular expression literal makes a new RegExp object each time it is evaluated, at the literal's site; lastIndex is its own state.
function wordPattern() {
  return /\w+/g;
}
const a = wordPattern();
const b = wordPattern();
console.log(a === b, a.source === b.source, String(a));
a.exec("one two");
console.log(a.lastIndex, b.lastIndex);
checkpoint("two patterns");
const kept = [/x/, /y/i];
let temp = /temporary/;
temp = null;
gc();
checkpoint("after gc");
console.log(kept, { pattern: /a\/b/gm }, typeof kept[0], JSON.stringify(kept));
