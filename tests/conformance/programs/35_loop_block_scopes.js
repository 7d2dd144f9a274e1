// Each iteration of a for loop with let gets a fresh binding.
const made = [];
for (let i = 0; i < 3; i++) {
  const item = { i };
  made.push(item);
  if (i === 1) {
    checkpoint("second iteration");
  }
}
checkpoint("after loop");
console.log(made.length);
