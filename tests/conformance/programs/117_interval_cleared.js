// An interval runs until it is cleared; clearing it from its own callback stops it.
let ticks = 0;
const id = setInterval(function tick() {
  ticks += 1;
  console.log("tick", ticks);
  if (ticks === 3) {
    clearInterval(id);
    checkpoint("cleared in tick");
  }
}, 100);
setTimeout(() => console.log("after", ticks), 500);
