// Methods on a constructor's prototype are shared by every instance.
function Point(x, y) {
  this.x = x;
  this.y = y;
}
Point.prototype.length = function () {
  checkpoint("in length");
  return Math.sqrt(this.x * this.x + this.y * this.y);
};
const p = new Point(3, 4);
console.log(p.length());
console.log(p instanceof Point, Object.getPrototypeOf(p) === Point.prototype);
