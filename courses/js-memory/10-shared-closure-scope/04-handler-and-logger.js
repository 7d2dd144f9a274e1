const handlers = [];
{% if logger_in == "separate" %}function makeLogger(snapshot) {
  return () => snapshot.rows.length;
}
{% endif %}function attach(id) {
  const snapshot = { rows: [id, id, id, id] };
{% if logger_in == "attach" %}  const logger = () => snapshot.rows.length;
{% else %}  const logger = makeLogger(snapshot);
{% endif %}  console.log("rows", logger());
  handlers.push(function onClick() {
    checkpoint("click");
    return "clicked " + id;
  });
}
attach(1);
attach(2);
checkpoint("A");
console.log(handlers[1]());
