// Anything can be thrown, even a string; uncaught it has no Error name.
function check(age) {
  if (age < 0) {
    throw "age must not be negative";
  }
  return age;
}
console.log(check(5));
checkpoint("fine");
check(-1);
