// Extra arguments of setTimeout are held by the timer until it fires.
function greet(person, greeting) {
  checkpoint("greeting");
  console.log(greeting + ", " + person.name);
}
setTimeout(greet, 100, { name: "Ada" }, "Hello");
checkpoint("waiting");
setTimeout(function after() {
  checkpoint("after");
}, 200);
