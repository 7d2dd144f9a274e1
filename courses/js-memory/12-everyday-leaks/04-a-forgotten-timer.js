const timers = new Map();
let nextId = 1;
function every(fn) {
  const id = nextId;
  nextId = nextId + 1;
  timers.set(id, fn);
  return id;
}
function stop(id) {
  timers.delete(id);
}
function tick() {
  for (const fn of timers.values()) {
    fn();
  }
}
function startPoller(url) {
  const options = { url: url, every: 1000 };
  const poller = { url: options.url, results: [] };
  poller.timer = every(() => {
    poller.results.push(poller.results.length);
  });
  return poller;
}
let poller = startPoller("/status");
tick();
tick();
console.log(poller.results.length);
if ({{ stopped }}) {
  stop(poller.timer);
}
poller = null;
checkpoint("A");
console.log(timers.size);
