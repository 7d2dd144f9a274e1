// Counting words: split on non-letters, lowercase, tally in an object; the pattern with the u flag reads letters beyond ASCII.
function countWords(text) {
  const counts = {};
  for (const word of text.toLowerCase().split(/[^\p{L}']+/u)) {
    if (word === "") continue;
    counts[word] = (counts[word] || 0) + 1;
  }
  return counts;
}
const counts = countWords("Le café, le thé! Don't stop: le café...");
checkpoint("counted");
const top = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
console.log(counts, top);
console.log("Straße".match(/\w+/g), "naïve café".match(/\p{L}+/gu), "x\u{1F600}y".split(/(?:)/u).length);
