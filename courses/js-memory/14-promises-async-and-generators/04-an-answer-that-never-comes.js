const waiting = [];
function ask(question) {
  return new Promise(function register(resolve) {
{% if keep == "yes" %}    waiting.push(resolve);
{% endif %}    console.log("asked", question);
  });
}
async function upload(name) {
  const buffer = { name: name, bytes: [1, 2, 3, 4] };
  const answer = await ask("overwrite " + name + "?");
  console.log(answer, buffer.name);
}
upload("{{ name }}");
console.log("script done");
setTimeout(function inspect() {
  checkpoint("A");
  console.log("waiting", waiting.length);
}, 100);
