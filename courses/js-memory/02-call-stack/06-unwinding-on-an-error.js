function parse(text) {
  if (text.length > {{ max }}) {
    throw new Error("too long: " + text);
  }
  checkpoint("parsed");
  return text.length;
}
function load(text) {
  const size = parse(text);
  console.log("loaded", size);
  return size;
}
function main() {
  const texts = ["abc", "abcdefgh", "ab"];
  for (const text of texts) {
    try {
      load(text);
    } catch (error) {
      checkpoint("caught");
      console.log("failed:", error.message);
    }
  }
}
main();
