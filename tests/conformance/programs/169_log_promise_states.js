// console.log shows a promise's state: pending, its value once fulfilled, or <rejected> and the reason.
let resolveLater;
const later = new Promise((resolve) => {
  resolveLater = resolve;
});
const refused = Promise.reject("refused");
refused.catch(() => {});
console.log(later, Promise.resolve([1, 2]), refused);
resolveLater({ ok: true });
console.log("right after resolve:", later);
setTimeout(() => console.log("in a timer:", later, [later]), 50);
