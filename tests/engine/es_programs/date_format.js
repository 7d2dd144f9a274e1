for (const t of [-62198755200000, -62135596800000, 253402300800000, 8.64e15, -8.64e15, 0, -1]) {
  const d = new Date(t);
  console.log(d.toString(), "|", d.toUTCString(), "|", d.toISOString(), "|", d.toDateString(), "|", d.toLocaleString(), "|", d.toLocaleDateString(), "|", d.toLocaleTimeString());
}
console.log(new Date(2024, 0, 15, 13, 5, 9).toLocaleString(), new Date(2024, 0, 15, 0, 5).toLocaleTimeString());
console.log(new Date(NaN).toString(), new Date(NaN).toUTCString(), new Date(NaN).toDateString(), new Date(NaN).toLocaleString(), String(new Date(NaN)));
try { new Date(NaN).toISOString(); } catch (e) { console.log(e.name, e.message); }
console.log(new Date(NaN).toJSON(), JSON.stringify({d: new Date(0)}), new Date(8.64e15 + 1).getTime());
console.log([new Date(0)], {d: new Date(NaN)});
const d = new Date(0); d.x = 1; console.log(d);
try { Date.prototype.getTime.call({}); } catch (e) { console.log(e.name, e.message); }
console.log(typeof Date(), Date.length, Date.UTC(2024), Date.UTC(2024, 1, 29), Date.UTC(), new Date(2024, 0).getTime(), new Date(99, 0).getFullYear());
console.log(new Date(0) + 1, new Date(5) - new Date(2), new Date(5) > new Date(2), `${new Date(0)}`, new Date(0) == new Date(0).toString(), +new Date(7));
console.log(new Date(0)[Symbol.toPrimitive]("number"), new Date(0)[Symbol.toPrimitive]("default"));
try { new Date(0)[Symbol.toPrimitive]("x"); } catch (e) { console.log(e.name, e.message); }
console.log(new Date(new Date(5)).getTime(), new Date("5").getTime(), new Date(true).getTime(), new Date(null).getTime(), new Date(undefined).getTime());
console.log(Object.prototype.toString.call(new Date(0)), new Date(0).getTimezoneOffset());
