let shuttingDown = false;
function startPoller(url) {
  const options = { url: url, every: 100 };
  const poller = { url: options.url, results: [] };
  poller.timer = setInterval(() => {
    poller.results.push(poller.results.length);
    console.log("poll", poller.results.length);
    if (shuttingDown) {
      clearInterval(poller.timer);
    }
  }, options.every);
  return poller;
}
let poller = startPoller("/status");
setTimeout(function closePage() {
  if ({{ stopped }}) {
    clearInterval(poller.timer);
  }
  poller = null;
  console.log("page closed");
  checkpoint("A");
}, 250);
setTimeout(function shutDown() {
  shuttingDown = true;
}, 450);
