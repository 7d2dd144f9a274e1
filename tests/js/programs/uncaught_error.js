// An uncaught error ends the run; the timeline ends with an error event.
function parse(text) {
  const parts = text.split(",");
  if (parts.length < 3) throw new RangeError("need three parts, got " + parts.length);
  return parts;
}
function main() {
  const ok = parse("a,b,c");
  console.log(ok.length);
  try { parse("x"); } catch (e) { console.log(e.message); }
  const bad = parse("y");
  return bad;
}
main();
