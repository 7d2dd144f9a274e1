// An error thrown inside a callback propagates out of forEach.
const items = [{ price: 3 }, null];
let total = 0;
items.forEach((item) => {
  checkpoint("item");
  total += item.price;
});
console.log(total);
