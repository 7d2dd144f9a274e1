// A throw before the first await still returns a promise: the caller goes on, the rejection comes later.
async function parse(text) {
  if (typeof text !== "string") throw new TypeError("expected a string");
  await null;
  return text.length;
}
const p = parse(42);
console.log("caller continues");
p.catch((error) => console.log("rejected:", error.message));
parse("four").then((n) => console.log("parsed", n));
