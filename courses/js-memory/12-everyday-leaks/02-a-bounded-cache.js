const limit = {{ limit }};
const pages = new Map();
function load(url) {
  if (pages.has(url)) {
    return pages.get(url);
  }
  if (pages.size >= limit) {
    const oldest = pages.keys().next().value;
    pages.delete(oldest);
  }
  const page = { url: url, html: "<p>" + url + "</p>" };
  pages.set(url, page);
  return page;
}
for (const url of ["/a", "/b", "/c", "/d", "/e"]) {
  load(url);
}
checkpoint("A");
console.log(Array.from(pages.keys()).join(" "));
