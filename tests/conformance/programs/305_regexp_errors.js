// Invalid patterns and flags throw V8's SyntaxError; replaceAll and matchAll want a global pattern.
function compileError(source, flags) {
  try {
    new RegExp(source, flags);
    return "no error";
  } catch (e) {
    return e.name + ": " + e.message;
  }
}
const messages = [compileError("(", ""), compileError("a{2,1}", ""), compileError("[z-a]", ""),
  compileError("(?<n>a)(?<n>b)", ""), compileError("\\p{Nope}", "u"), compileError("a", "gg")];
console.log(messages);
try {
  "aaa".replaceAll(/a/, "b");
} catch (e) {
  console.log(e.name + ": " + e.message);
}
try {
  [..."aaa".matchAll(/a/)];
} catch (e) {
  console.log(e.name + ": " + e.message);
}
function validate(input) {
  const pattern = new RegExp("^" + input + "$");
  return pattern.test("abc");
}
console.log(validate("a.c"), validate("[a-c]+"));
checkpoint("before the uncaught one");
validate("a(b");
