// Getters and setters of a class live on its prototype; static ones on the class.
class Temperature {
  static created = 0;
  constructor(celsius) {
    this.celsius = celsius;
    Temperature.created++;
  }
  get fahrenheit() {
    return this.celsius * 1.8 + 32;
  }
  set fahrenheit(f) {
    checkpoint("set fahrenheit");
    this.celsius = (f - 32) / 1.8;
  }
  static get count() {
    checkpoint("static getter");
    return Temperature.created;
  }
}
const t = new Temperature(100);
t.fahrenheit = 32;
console.log(t.celsius, t.fahrenheit, Temperature.count);
