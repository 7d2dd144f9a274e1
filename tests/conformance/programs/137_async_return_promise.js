// Returning a promise from an async function takes extra jobs compared with returning a value.
async function direct() {
  return "direct";
}
async function viaPromise() {
  return Promise.resolve("via promise");
}
viaPromise().then((v) => console.log(v));
direct().then((v) => console.log(v));
Promise.resolve()
  .then(() => console.log("tick 1"))
  .then(() => console.log("tick 2"))
  .then(() => console.log("tick 3"));
