// Columns count UTF-16 code units: an emoji takes two.
const greeting = "😀 hi"; const box = { greeting };
const accents = "é"; const list = [accents];
checkpoint("columns");
console.log(box, list, greeting.length);
