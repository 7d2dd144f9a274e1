// Constructor functions with prototype methods, allocating in a hot loop: 20,000 Vec objects, method calls on each.
function Vec(x, y) {
  this.x = x;
  this.y = y;
}
Vec.prototype.add = function (other) {
  return new Vec(this.x + other.x, this.y + other.y);
};
Vec.prototype.scale = function (k) {
  return new Vec(this.x * k, this.y * k);
};
Vec.prototype.dot = function (other) {
  return this.x * other.x + this.y * other.y;
};
let acc = new Vec(0, 0);
let dots = 0;
for (let i = 0; i < 10000; i++) {
  const v = new Vec(i % 10, i % 7);
  acc = acc.add(v.scale(0.5));
  dots += v.dot(acc) % 1000;
}
checkpoint("vectors");
console.log(acc.x, acc.y, Math.round(dots));
