// A caught Error is an ordinary object that can be kept and inspected.
const errors = [];
function parse(text) {
  if (text === "") {
    throw new Error("empty input");
  }
  return text.length;
}
for (const input of ["ok", ""]) {
  try {
    parse(input);
  } catch (e) {
    errors.push(e);
  }
}
console.log(errors.length, errors[0].message, errors[0] instanceof Error);
checkpoint("collected");
