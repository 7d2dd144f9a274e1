function makeCounter(start) {
  let count = start;
  return function next() {
    count = count + 1;
    checkpoint("tick");
    return count;
  };
}
const counter = makeCounter({{ start }});
for (let i = 0; i < {{ calls }}; i++) {
  console.log(counter());
}
