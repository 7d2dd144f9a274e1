// Methods of an object literal are allocated right after the object.
function makeShape() {
  return {
    area() {
      return 1;
    },
    perimeter() {
      checkpoint("perimeter");
      return 4;
    },
  };
}
const a = makeShape();
const b = makeShape();
console.log(a.area() + b.perimeter());
