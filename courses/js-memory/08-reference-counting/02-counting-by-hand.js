let first = { name: "first" };
let second = { name: "second" };
let third = { name: "third", link: second };
{{ selfish }}.me = {{ selfish }};
first = null;
second = null;
third = null;
checkpoint("A");
