const first = { color: "red" };
const second = first;
second.color = "{{ color }}";
checkpoint("A");
console.log(first.color, second.color);
