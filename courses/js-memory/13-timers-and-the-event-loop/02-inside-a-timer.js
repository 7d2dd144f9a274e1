function format(label, count) {
  const text = label + ": " + count;
  checkpoint("A");
  return text;
}
function report(label) {
  const count = label.length;
  console.log(format(label, count));
}
{% if when == "now" %}report("{{ label }}");{% else %}setTimeout(report, 0, "{{ label }}");{% endif %}
console.log("script done");
