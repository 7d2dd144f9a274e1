// Dates with the newer Array methods: the copying ones (toSorted, toReversed, with) allocate new arrays at the call, sharing the Date objects.
const days = [new Date("2024-05-03"), new Date("2024-01-10"), new Date("2024-03-22")];
const sorted = days.toSorted((a, b) => a - b);
const reversed = sorted.toReversed();
const replaced = days.with(0, new Date("2024-12-25"));
checkpoint("copies share the dates");
console.log(sorted.map((d) => d.toISOString().slice(0, 10)), reversed[0] === sorted[2], replaced[1] === days[1]);
console.log(days.findLast((d) => d.getUTCMonth() < 4).toDateString(), days.at(-1).getUTCDay(), days.reduce((acc, d) => ({ ...acc, [d.getUTCMonth() < 3 ? "q1" : "later"]: (acc[d.getUTCMonth() < 3 ? "q1" : "later"] ?? 0) + 1 }), {}));
