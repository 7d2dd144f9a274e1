class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  length() {
    return Math.abs(this.x) + Math.abs(this.y);
  }
}
const points = [];
for (let i = 0; i < {{ count }}; i++) {
  points.push(new Point(i, i + 1));
}
const origin = points[{{ dropped }}];
points.splice({{ dropped }}, 1);
points.pop();
checkpoint("A");
console.log(points.length, origin.length());
