function greet() {
  greet.calls = greet.calls + 1;
  return "hi";
}
greet.calls = 0;
const alias = greet;
const shout = function () {
  return "HI";
};
let temp = () => "temp";
temp = null;
alias();
greet();
checkpoint("A");
console.log(greet.calls, shout());
