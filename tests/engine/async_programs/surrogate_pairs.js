// Strings are UTF-16: a surrogate pair written with escapes, or made by concatenation, is the same string as the character.
const a = "\ud83d\ude00"; const b = "😀"; const c = "\u{1F600}"; console.log(a.length, b.length, c.length, a === c, b === c, a.charCodeAt(1), b.charCodeAt(1), c.charCodeAt(1));
const h = "\ud83d"; const l = "\ude00"; console.log(h + l === "😀", `${h}${l}` === "😀", (h + l).length, [...(h+l)].length, JSON.stringify(h));
