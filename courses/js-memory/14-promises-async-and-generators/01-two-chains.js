Promise.resolve(1)
  .then(function a1(n) {
    console.log("a", n);
    return n + 1;
  })
  .then(function a2(n) {
    console.log("a", n);{% if fails == "yes" %}
    throw new Error("a broke at " + n);{% else %}
    return n + 1;{% endif %}
  })
  .then(function a3(n) {
    console.log("a", n);
  })
  .catch(function recover(error) {
    console.log("caught:", error.message);
  });
Promise.resolve({{ start }})
  .then(function b1(n) {
    console.log("b", n);
    return n * 2;
  })
  .then(function b2(n) {
    console.log("b", n);
    checkpoint("A");
  });
console.log("chains built");
