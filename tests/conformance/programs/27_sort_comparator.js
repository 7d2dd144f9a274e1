// A sort comparator sees pairs in the order V8's sort chooses.
const people = [{ age: 30 }, { age: 20 }, { age: 25 }];
let calls = 0;
people.sort((a, b) => {
  calls++;
  if (calls === 2) {
    checkpoint("second comparison");
  }
  return a.age - b.age;
});
console.log(people.map((p) => p.age), calls);
