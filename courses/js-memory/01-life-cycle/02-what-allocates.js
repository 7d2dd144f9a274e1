const count = 3;
const label = "box";
const point = { x: 1, y: 2 };
const list = [point, point];
const double = (n) => n * 2;
const copy = count;
const same = point;
checkpoint("A");
