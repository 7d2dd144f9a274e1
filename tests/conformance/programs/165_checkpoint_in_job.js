// A then callback runs as a job after the script: its frame is the only one on the stack.
const settings = { theme: "dark" };
function applySettings(value) {
  const applied = { ...value, applied: true };
  checkpoint("in job");
  return applied;
}
Promise.resolve(settings)
  .then(applySettings)
  .then((result) => {
    checkpoint("next job");
    console.log(result);
  });
checkpoint("script");
