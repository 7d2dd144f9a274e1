let report = { title: "monthly", rows: [1, 2, 3] };
const ref = new WeakRef(report);
let other = { title: "scratch" };
report = null;
other = null;
{% if when == "now" %}gc();
checkpoint("A");
const again = ref.deref();
console.log(again === undefined ? "collected" : again.title);{% else %}setTimeout(function later() {
  gc();
  checkpoint("A");
  const again = ref.deref();
  console.log(again === undefined ? "collected" : again.title);
}, 0);{% endif %}
