// Promise.all over async functions started together: each runs to its first await at once.
async function square(n) {
  console.log("start", n);
  await new Promise((resolve) => setTimeout(resolve, (4 - n) * 100));
  console.log("end", n);
  return n * n;
}
Promise.all([1, 2, 3].map(square)).then(function all(squares) {
  checkpoint("all squared");
  console.log(squares);
});
