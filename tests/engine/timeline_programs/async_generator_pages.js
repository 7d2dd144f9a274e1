// An async generator suspended at a yield keeps its cache and the page it made; for await resumes it, then it ends.
async function* pages(count) {
  const cache = [];
  for (let i = 0; i < count; i++) {
    const page = { index: i, rows: [i, i + 1] };
    cache.push(page);
    yield page;
  }
}
async function main() {
  const reader = pages(3);
  const first = await reader.next();
  checkpoint("suspended");
  for await (const p of reader) {
    checkpoint("in loop");
    console.log(p.index);
  }
  checkpoint("done");
}
main();
