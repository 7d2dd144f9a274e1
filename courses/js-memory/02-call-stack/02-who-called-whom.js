function greet(name) {
  const text = "Hello, " + name;
  checkpoint("A");
  return text;
}
function welcome(user) {
  const line = greet(user.name);
  return line + "!";
}
function main() {
  const user = { name: "{{ name }}" };
  console.log(welcome(user));
}
main();
