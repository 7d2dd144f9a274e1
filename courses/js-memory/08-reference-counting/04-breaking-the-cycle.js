function makePair(color) {
  const one = { color: color, side: 1 };
  const two = { color: color, side: 2 };
  one.partner = two;
  two.partner = one;
  return one;
}
let red = makePair("red");
let blue = makePair("blue");
{{ unlink }}.partner.partner = null;
console.log(red.partner.partner === null, blue.partner.partner === null);
red = null;
blue = null;
checkpoint("A");
