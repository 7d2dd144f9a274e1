// Accessors: a getter computes from the object's data; defineProperty adds non-enumerable ones; console.log shows [Getter/Setter].
function makeTemperature(celsius) {
  const t = { celsius };
  Object.defineProperty(t, "fahrenheit", {
    get: function () {
      return this.celsius * 9 / 5 + 32;
    },
    set: function (f) {
      this.celsius = (f - 32) * 5 / 9;
    },
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(t, "kelvin", { get: () => t.celsius + 273.15 });
  return t;
}
const temp = makeTemperature(100);
temp.fahrenheit = 50;
checkpoint("after the setter");
console.log(temp, temp.kelvin, Object.keys(temp), JSON.stringify(temp));
console.log(Object.getOwnPropertyDescriptor(temp, "kelvin"));
