// Promise.any takes the first fulfilment; if every input rejects, an AggregateError lists the reasons.
Promise.any([Promise.reject("a"), Promise.resolve("b"), Promise.resolve("c")]).then((v) => console.log("any", v));
Promise.any([Promise.reject("x"), Promise.reject("y")]).catch(function failed(error) {
  console.log(error instanceof AggregateError, error.name);
  console.log(error.message);
  console.log(error.errors);
});
Promise.any([]).catch((error) => console.log("empty", error.errors.length));
