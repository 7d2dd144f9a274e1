// A class made inside a function: its methods keep what they use from the function alive.
function makeClass() {
  const secret = { code: 7 };
  const unused = { big: true };
  return class Vault {
    open() {
      return secret.code;
    }
  };
}
const Vault = makeClass();
const v = new Vault();
checkpoint("vault");
console.log(v.open());
