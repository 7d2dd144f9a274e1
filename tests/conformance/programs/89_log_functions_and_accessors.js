// console.log shows functions, classes and accessors by kind and name.
class Box {
  get size() {
    return 1;
  }
}
const handlers = [function () {}, () => {}, function named() {}, Box, Math.max];
console.log(handlers);
const account = {
  get balance() {
    return 10;
  },
  set balance(v) {},
  get readOnly() {
    return 1;
  },
};
console.log(account, new Box());
console.log(Object.create(null), [1, 2, 3].map(String));
