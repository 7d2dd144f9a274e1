const config = { debug: true };
function work() {
  const temp = { step: 1 };
  const settings = config;
  checkpoint("busy");
  return temp.step + (settings.debug ? 1 : 0);
}
const result = work();
checkpoint("idle");
console.log(result);
