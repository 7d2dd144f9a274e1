// Converting values to strings: template literals, String(), + and join.
const obj = { a: 1 };
const list = [1, [2, 3], null, undefined];
console.log(`${obj}`, `${list}`, String(null), String(undefined), String(true));
console.log([] + [], [] + {}, 1 + "2", "3" * "4", true + 1, null + 1, undefined + 1);
console.log(list.join("-"), [1, 2, 3].toString(), String([[]]), String({}));
console.log([10, 9, 1, 100].sort(), ["b", "a", "C"].sort());
console.log((123.456).toFixed(1), (0.000123).toPrecision(2), (1e21).toLocaleString === undefined);
const words = "the quick brown fox".split(" ").map((w) => w[0].toUpperCase() + w.slice(1));
console.log(words.join(" "), "abc".at(-1), "a-b-c".split("-", 2), "x".padStart(3, "*"));
checkpoint("strings");
