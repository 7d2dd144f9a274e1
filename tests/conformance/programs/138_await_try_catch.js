// A rejected await throws inside the async function: try/catch/finally handle it like a synchronous throw.
function failLater(ms) {
  return new Promise((resolve, reject) => setTimeout(() => reject(new Error("failed after " + ms)), ms));
}
async function load() {
  const attempt = { tries: 1 };
  try {
    await failLater(100);
    console.log("not reached");
  } catch (error) {
    console.log("caught", error.message, attempt.tries);
    return "fallback";
  } finally {
    console.log("finally runs");
  }
}
load().then((v) => console.log("load gave", v));
