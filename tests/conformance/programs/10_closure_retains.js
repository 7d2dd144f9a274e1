// A closure keeps alive the variables it uses after its maker returns.
function makeGreeter(name) {
  const settings = { greeting: "Hello" };
  return function greet() {
    checkpoint("greeting");
    return settings.greeting + ", " + name;
  };
}
const greet = makeGreeter("Ada");
checkpoint("made");
console.log(greet());
