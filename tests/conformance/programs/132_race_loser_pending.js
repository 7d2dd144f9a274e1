// Promise.race settles with the first input to settle; a loser's timer still holds what it captured.
function timed(ms, label) {
  const payload = { label };
  return new Promise((resolve) => setTimeout(() => resolve(payload.label), ms));
}
Promise.race([timed(200, "slow"), timed(100, "quick")]).then(function winner(value) {
  checkpoint("winner");
  console.log("winner", value);
});
setTimeout(function afterBoth() {
  checkpoint("after both");
}, 300);
