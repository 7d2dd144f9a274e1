// A Date is a heap object made at its `new`; its time value is a primitive inside it (no edges), and console.log prints the ISO form.
function makeDates() {
  const start = new Date(2024, 0, 15, 10, 0, 0);
  const end = new Date("2024-01-20T18:30:00Z");
  return { start, end };
}
const trip = makeDates();
let scratch = new Date(0);
checkpoint("two dates and a scratch one");
console.log(trip, scratch);
scratch = null;
gc();
checkpoint("scratch collected");
console.log((trip.end - trip.start) / 36e5, trip.start < trip.end, String(trip.start));
