// Default parameters are evaluated at call time when the argument is missing.
function greet(name = "friend", options = { loud: false }) {
  checkpoint("greeting " + name);
  return options.loud ? name.toUpperCase() : name;
}
console.log(greet());
console.log(greet("Zoe", { loud: true }));
