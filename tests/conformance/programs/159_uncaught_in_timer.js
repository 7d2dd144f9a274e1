// An error thrown in a timer is uncaught: the run ends there and later timers never fire.
function explode(what) {
  throw new TypeError("cannot handle " + what);
}
setTimeout(() => {
  console.log("first timer");
  checkpoint("first timer");
}, 100);
setTimeout(() => explode("the second timer"), 200);
setTimeout(() => console.log("never printed"), 300);
