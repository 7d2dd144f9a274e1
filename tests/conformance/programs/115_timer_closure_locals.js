// A timer callback sees its own locals and the variables it closed over; there is no <global> frame.
function makeTimer(id) {
  const payload = { id, data: [id, id * 2] };
  setTimeout(function fire() {
    const doubled = payload.data[1];
    checkpoint("fire " + id);
    console.log("fired", id, doubled);
  }, id * 100);
}
makeTimer(1);
makeTimer(2);
checkpoint("both scheduled");
