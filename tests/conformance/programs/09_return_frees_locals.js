// Locals die with their frame; only what is returned survives.
function build() {
  const scratch = { temp: [1, 2, 3] };
  const result = { total: 6 };
  checkpoint("building");
  return result;
}
const kept = build();
checkpoint("returned");
console.log(kept.total);
