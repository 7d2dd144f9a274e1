// An immediately invoked function expression runs once; its locals die with it.
const api = (function () {
  const secret = { token: "abc" };
  const scratch = { big: [1, 2, 3] };
  checkpoint("inside iife");
  return {
    token() {
      return secret.token;
    },
  };
})();
checkpoint("after iife");
console.log(api.token());
