// An array holds references to objects; removing one drops it.
const people = [];
for (let i = 0; i < 3; i++) {
  people.push({ id: i });
}
checkpoint("three people");
people.pop();
checkpoint("after pop");
console.log(people.length);
