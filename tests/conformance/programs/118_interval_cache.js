// An interval keeps its callback, and the cache the callback closed over, alive until it is cleared.
function startPolling() {
  const cache = new Map();
  let polls = 0;
  return setInterval(function poll() {
    polls += 1;
    cache.set(polls, { poll: polls });
    if (polls === 2) checkpoint("polling");
  }, 100);
}
const poller = startPolling();
setTimeout(function stop() {
  clearInterval(poller);
  checkpoint("stopped");
}, 350);
setTimeout(function check() {
  checkpoint("later");
  console.log("done");
}, 500);
