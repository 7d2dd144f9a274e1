// Patterns kept in a table of objects (a tiny tokenizer); the table and its patterns stay reachable, the tokens are built per call.
const rules = [
  { type: "number", re: /^\d+(\.\d+)?/ },
  { type: "name", re: /^[A-Za-z_]\w*/ },
  { type: "op", re: /^[-+*\/()=]/ },
  { type: "space", re: /^\s+/ },
];
function tokenize(src) {
  const tokens = [];
  let rest = src;
  while (rest.length > 0) {
    const rule = rules.find((r) => r.re.test(rest));
    if (!rule) throw new SyntaxError("unexpected " + rest[0]);
    const text = rest.match(rule.re)[0];
    if (rule.type !== "space") tokens.push({ type: rule.type, text });
    if (tokens.length === 3) checkpoint("three tokens");
    rest = rest.slice(text.length);
  }
  return tokens;
}
const tokens = tokenize("x = 3.5 * (y + 10)");
console.log(tokens.map((t) => t.type + ":" + t.text).join(" "));
console.log(rules[0], rules.map((r) => String(r.re)));
checkpoint("done");
