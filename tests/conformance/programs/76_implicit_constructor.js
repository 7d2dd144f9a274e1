// A class without a constructor gets an implicit one that passes its arguments to super.
class Vehicle {
  constructor(wheels) {
    this.wheels = wheels;
    checkpoint("Vehicle constructor");
  }
  get description() {
    return this.wheels + " wheels";
  }
}
class Bike extends Vehicle {}
const bike = new Bike(2);
console.log(bike.description, bike instanceof Vehicle);
