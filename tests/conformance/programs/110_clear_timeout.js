// A cleared timeout never runs, and it lets go of its callback (and what the callback captured).
function schedule() {
  const big = { rows: [1, 2, 3] };
  return setTimeout(function useBig() {
    console.log("never", big.rows.length);
  }, 200);
}
const handle = schedule();
checkpoint("scheduled");
clearTimeout(handle);
checkpoint("cleared");
setTimeout(function later() {
  checkpoint("later");
  console.log("later ran");
}, 300);
