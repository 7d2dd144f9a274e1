// Dates in an array: sorting by subtraction, grouping by month with Object.groupBy-free code, toJSON through JSON.stringify.
const events = [
  { name: "launch", at: new Date("2024-03-05T09:00:00Z") },
  { name: "review", at: new Date("2024-01-20T15:00:00Z") },
  { name: "party", at: new Date("March 1, 2024 20:00:00") },
];
events.sort((a, b) => a.at - b.at);
const byMonth = {};
for (const e of events) {
  const key = e.at.toISOString().slice(0, 7);
  (byMonth[key] ??= []).push(e.name);
}
checkpoint("sorted and grouped");
console.log(byMonth, events.map((e) => e.at.getUTCDate()));
console.log(JSON.stringify(events[0]), events[0].at.toUTCString(), events[2].at.toLocaleString());
