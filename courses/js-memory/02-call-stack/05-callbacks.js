const shop = {
  items: [3, {{ second }}, 8],
  total() {
    let sum = 0;
    this.items.forEach(function (price) {
      sum = sum + price;
      checkpoint("each");
    });
    return sum;
  },
};
console.log(shop.total());
