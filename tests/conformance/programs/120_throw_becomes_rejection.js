// A throw inside a then callback rejects the next promise; catch handles it and the chain goes on.
function check(value) {
  console.log("got", value);
  throw new TypeError("bad value");
}
Promise.resolve("start")
  .then(check)
  .then(() => console.log("skipped"))
  .catch(function handle(error) {
    checkpoint("caught");
    console.log("caught", error.name, error.message);
    return "recovered";
  })
  .then((value) => console.log("then", value));
