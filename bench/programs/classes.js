// A small class hierarchy: 3,000 instances, constructors chained through super, virtual method calls.
class Shape {
  constructor(name) { this.name = name; }
  area() { return 0; }
  describe() { return this.name + ":" + Math.round(this.area()); }
}
class Circle extends Shape {
  constructor(r) { super("circle"); this.r = r; }
  area() { return Math.PI * this.r * this.r; }
}
class Rect extends Shape {
  constructor(w, h) { super("rect"); this.w = w; this.h = h; }
  area() { return this.w * this.h; }
}
class Square extends Rect {
  constructor(s) { super(s, s); this.name = "square"; }
}
const shapes = [];
for (let i = 0; i < 3000; i++) {
  shapes.push(i % 3 === 0 ? new Circle(i % 7) : i % 3 === 1 ? new Rect(i % 5, 2) : new Square(i % 4));
}
let total = 0;
let chars = 0;
for (let i = 0; i < shapes.length; i++) {
  total += shapes[i].area();
  chars += shapes[i].describe().length;
}
checkpoint("shapes");
console.log(Math.round(total), chars);
