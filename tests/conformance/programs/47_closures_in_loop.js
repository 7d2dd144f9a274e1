// A closure created in each iteration captures that iteration's binding.
const callbacks = [];
for (let i = 0; i < 3; i++) {
  callbacks.push(() => i * 10);
}
checkpoint("made");
console.log(callbacks.map((f) => f()));
