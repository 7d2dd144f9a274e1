// A for loop with await inside: each iteration resumes in a later job, with the loop's variables intact.
function tick(ms, value) {
  return new Promise((resolve) => setTimeout(resolve, ms, value));
}
async function countdown(from) {
  const seen = [];
  for (let i = from; i > 0; i--) {
    const got = await tick(100, i * 10);
    seen.push(got);
    if (i === 2) checkpoint("resumed at 2");
  }
  return seen;
}
countdown(3).then((seen) => console.log("seen", seen));
