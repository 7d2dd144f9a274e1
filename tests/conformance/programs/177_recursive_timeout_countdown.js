// A countdown that reschedules itself: each timer's closure holds only its own step.
function countdown(n) {
  if (n === 0) {
    console.log("liftoff");
    return;
  }
  const step = { n };
  setTimeout(function next() {
    console.log(step.n);
    if (step.n === 2) checkpoint("at two");
    countdown(step.n - 1);
  }, 100);
}
countdown(3);
