function startPolling(url) {
  const cache = [];
  let polls = 0;
  const id = setInterval(function poll() {
    polls = polls + 1;
    cache.push({ poll: polls, url: url });
    console.log("poll", polls);
    if (polls === {{ limit }}) {
      clearInterval(id);
    }
  }, 100);
}
startPolling("/status");
setTimeout(function inspect() {
  checkpoint("A");
  console.log("inspect");
}, 350);
