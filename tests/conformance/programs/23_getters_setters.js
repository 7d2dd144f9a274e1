// Getters and setters run as functions named "get x" and "set x".
const temperature = {
  celsius: 20,
  get fahrenheit() {
    checkpoint("getter");
    return this.celsius * 9 / 5 + 32;
  },
  set fahrenheit(value) {
    checkpoint("setter");
    this.celsius = (value - 32) * 5 / 9;
  },
};
console.log(temperature.fahrenheit);
temperature.fahrenheit = 212;
console.log(temperature.celsius);
