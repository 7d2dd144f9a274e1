// call, apply and bind choose this; a bound function has no site of its own.
const dog = { name: "Rex" };
function speak(greeting, punctuation) {
  checkpoint("speaking " + greeting);
  return greeting + ", " + this.name + punctuation;
}
console.log(speak.call(dog, "Hi", "!"));
console.log(speak.apply(dog, ["Hello", "?"]));
const bound = speak.bind(dog, "Hey");
console.log(bound("."));
