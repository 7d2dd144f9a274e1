// A promise rejected with no handler ends the run once the microtask queue has drained.
function fetchConfig() {
  return Promise.reject(new Error("config missing"));
}
setTimeout(() => console.log("never printed"), 100);
Promise.resolve().then(() => {
  console.log("loading");
  fetchConfig();
});
Promise.resolve().then(() => console.log("other jobs still run"));
