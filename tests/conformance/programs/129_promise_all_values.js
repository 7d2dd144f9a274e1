// Promise.all keeps results in input order, whatever order they settle in.
function delay(ms, value) {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}
const started = { at: "start" };
Promise.all([delay(300, "slow"), delay(100, "fast"), 42, delay(200, { mid: true })]).then(function done(results) {
  checkpoint("all done");
  console.log(results);
});
checkpoint("waiting");
