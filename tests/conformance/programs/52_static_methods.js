// Static methods live on the class itself.
class Temperature {
  static fromFahrenheit(f) {
    const t = new Temperature((f - 32) * 5 / 9);
    checkpoint("static");
    return t;
  }
  constructor(celsius) {
    this.celsius = celsius;
  }
}
const boiling = Temperature.fromFahrenheit(212);
console.log(boiling.celsius);
