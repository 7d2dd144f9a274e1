// An uncaught stack overflow ends the program; checkpoints before it are kept.
const keep = { alive: true };
checkpoint("before");
function down(n) {
  const box = { n };
  return down(n + 1);
}
down(0);
console.log("never printed");
