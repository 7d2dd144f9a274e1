// A form validator: a map from field names to patterns and messages; test, lookahead for passwords, named groups for dates.
const checks = new Map([
  ["email", [/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/, "not an email"]],
  ["password", [/^(?=.*\d)(?=.*[a-z])(?=.*[A-Z]).{8,}$/, "too weak"]],
  ["date", [/^(?<y>\d{4})-(?<m>0[1-9]|1[0-2])-(?<d>\d{2})$/, "not a date"]],
]);
function validate(form) {
  const errors = {};
  for (const [field, [re, message]] of checks) {
    if (!re.test(form[field])) errors[field] = message;
  }
  return errors;
}
const good = validate({ email: "ada@example.org", password: "Secr3tPass", date: "2024-02-29" });
const bad = validate({ email: "ada@", password: "short1", date: "2024-13-01" });
checkpoint("validated");
console.log(good, bad);
const { y, m, d } = "2024-02-29".match(checks.get("date")[0]).groups;
console.log(y, m, d);
