const history = [];
function handle(request) {
  const size = request.body.length;
{% if record == "request" %}  history.push(request);
{% else %}  history.push({ path: request.path, size: size });
{% endif %}  return size;
}
function serve(count) {
  let served = 0;
  for (let i = 0; i < count; i++) {
    const request = { path: "/item/" + i, body: [i, i, i, i, i, i] };
    served = served + handle(request);
  }
  return served;
}
const served = serve({{ count }});
checkpoint("A");
console.log(history.length, served);
