console.log("script starts");
setTimeout(function first() {
  console.log("first timer");
  queueMicrotask(function soon() {
    console.log("microtask of the first timer");
  });
}, {{ first }});
setTimeout(function second() {
  console.log("second timer");
  checkpoint("A");
}, {{ second }});
{% if job == "promise" %}Promise.resolve("then callback").then(function job(word) {
  console.log(word);
});{% else %}queueMicrotask(function job() {
  console.log("microtask of the script");
});{% endif %}
console.log("script ends");
