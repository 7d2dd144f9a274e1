// Setters change the Date in place: the same object (same site) holds a new time value; an invalid date stays an object.
const d = new Date(Date.UTC(2024, 0, 31));
const alias = d;
d.setUTCMonth(1);
checkpoint("after setUTCMonth");
console.log(alias.toISOString(), d === alias, d.getUTCDate());
d.setUTCDate(d.getUTCDate() + 30);
const bad = new Date("not a date");
checkpoint("with an invalid date");
console.log(d.toISOString(), bad, String(bad), bad.getTime(), isNaN(bad), JSON.stringify({ d, bad }));
try {
  bad.toISOString();
} catch (e) {
  console.log(e.name, e.message);
}
