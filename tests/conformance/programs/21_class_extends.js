// A subclass constructor calls super; both constructors are on the stack.
class Shape {
  constructor(name) {
    this.name = name;
    checkpoint("in Shape");
  }
  describe() {
    return "a " + this.name;
  }
}
class Circle extends Shape {
  constructor(radius) {
    super("circle");
    this.radius = radius;
  }
  describe() {
    return super.describe() + " of radius " + this.radius;
  }
}
const c = new Circle(2);
console.log(c.describe());
checkpoint("built");
