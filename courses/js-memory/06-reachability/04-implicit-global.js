function setup() {
{% if forgotten == "cache" %}  cache = { entries: [1, 2, 3] };
  const scratch = { temp: true };{% else %}  const cache = { entries: [1, 2, 3] };
  scratch = { temp: true };{% endif %}
  return cache.entries.length + (scratch.temp ? 1 : 0);
}
const size = setup();
checkpoint("A");
console.log(size);
