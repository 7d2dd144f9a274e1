setTimeout(function outer() {
  console.log("outer");
  setTimeout(function inner() {
    console.log("inner");
    checkpoint("A");
  }, {{ inner }});
  setImmediate(function soon() {
    console.log("immediate");
  });
  Promise.resolve().then(function job() {
    console.log("then");
  });
}, 100);
setTimeout(function other() {
  console.log("other");
}, {{ other }});
console.log("script");
