// An array literal exists, and holds its finished elements, while the rest are computed.
function nest(n) {
  if (n === 0) {
    checkpoint("bottom");
    return [];
  }
  return [n, nest(n - 1)];
}
const nested = nest(2);
console.log(JSON.stringify(nested));
