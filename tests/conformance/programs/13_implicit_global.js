// Assigning to an undeclared name creates a global (a classic leak).
function careless() {
  leaked = { big: true };
  const local = 1;
  checkpoint("inside");
}
careless();
checkpoint("after");
console.log(typeof leaked);
