// The everyday runtime errors, with V8's own messages.
function attempt(label, action) {
  try {
    action();
  } catch (e) {
    console.log(label, "->", e.name + ": " + e.message);
  }
}
const obj = { name: "o" };
let missing;
const fixed = 1;
class Thing {}
attempt("call missing", () => obj.missing());
attempt("read undefined", () => missing.length);
attempt("set on undefined", () => { missing.size = 1; });
attempt("const", () => { fixed = 2; });
attempt("tdz", () => { later + 1; });
attempt("class call", () => Thing());
attempt("bad length", () => new Array(-1));
attempt("call number", () => { const n = 5; n(); });
let later = 0;
