// A caller's line is the line of the call it is waiting for.
function format(value,
                unit) {
  checkpoint("formatting");
  return value + unit;
}
function describe(item) {
  const text = format(
    item.size,
    "cm",
  );
  return text;
}
console.log(describe({ size: 4 }));
