// Which methods the built-ins have (names only; RegExp and Reflect are checked elsewhere).
for (const [n, o] of [["Math", Math], ["Number", Number], ["Number.prototype", Number.prototype],
  ["Array", Array], ["Array.prototype", Array.prototype], ["Object", Object], ["Object.prototype", Object.prototype],
  ["Map", Map], ["JSON", JSON], ["Date", Date], ["Date.prototype", Date.prototype]]) {
  console.log(n, Object.getOwnPropertyNames(o).sort().join(","));
}
const names = Object.getOwnPropertyNames(String.prototype).filter((k) => !["match", "matchAll", "search", "anchor", "big", "blink", "bold", "fixed", "fontcolor", "fontsize", "italics", "link", "small", "strike", "sub", "sup"].includes(k));
console.log(names.sort().join(","));
