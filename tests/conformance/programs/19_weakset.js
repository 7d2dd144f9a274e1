// A WeakSet does not keep its members alive.
const visited = new WeakSet();
let page = { url: "/home" };
let other = { url: "/about" };
visited.add(page);
visited.add(other);
other = null;
checkpoint("one dropped");
console.log(visited.has(page));
