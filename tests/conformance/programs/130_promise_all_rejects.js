// Promise.all rejects with the first rejection; the other inputs still settle later, unobserved.
function later(ms, ok) {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      console.log("settling", ms);
      if (ok) resolve(ms);
      else reject(ms);
    }, ms);
  });
}
Promise.all([later(300, true), later(100, false), later(200, true)])
  .then((values) => console.log("all", values))
  .catch((reason) => console.log("rejected with", reason));
