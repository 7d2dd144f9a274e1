// A finally block can await too: the return waits for it, and a return in finally overrides.
function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
async function withCleanup() {
  try {
    return "body result";
  } finally {
    await pause(100);
    console.log("cleanup done");
  }
}
async function overriding() {
  try {
    throw new Error("lost");
  } finally {
    await pause(50);
    return "finally wins";
  }
}
withCleanup().then((v) => console.log(v));
overriding().then((v) => console.log(v));
