function* readLines(name) {
  const file = { name: name, lines: ["one", "two", "three", "four"] };
  try {
    for (const line of file.lines) {
      yield line;
    }
  } finally {
    console.log("closed", name);
  }
}
{% if how == "next" %}const reader = readLines("log.txt");
console.log(reader.next().value);
console.log(reader.next().value);
{% elif how == "return" %}const reader = readLines("log.txt");
console.log(reader.next().value);
console.log(reader.next().value);
reader.return();
{% else %}for (const line of readLines("log.txt")) {
  console.log(line);
  if (line === "two") {
    break;
  }
}
{% endif %}checkpoint("A");
console.log("script done");
