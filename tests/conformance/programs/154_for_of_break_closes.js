// Leaving a for-of early (break) calls return() on the generator, which runs its finally.
const files = [];
function* lines() {
  const file = { open: true };
  files.push(file);
  try {
    yield "first";
    yield "second";
    yield "third";
  } finally {
    file.open = false;
    console.log("file closed");
  }
}
for (const line of lines()) {
  console.log(line);
  if (line === "second") break;
}
checkpoint("after loop");
console.log(files[0].open);
