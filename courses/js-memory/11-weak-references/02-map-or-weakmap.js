const sizes = new {{ kind }}();
function area(shape) {
  if (!sizes.has(shape)) {
    sizes.set(shape, { area: shape.w * shape.h });
  }
  return sizes.get(shape).area;
}
const kept = { w: 2, h: 3 };
let temp = { w: 4, h: 5 };
let draft = { w: 1, h: 1 };
console.log(area(kept), area(temp), draft.w * draft.h);
temp = null;
draft = null;
checkpoint("A");
gc();
