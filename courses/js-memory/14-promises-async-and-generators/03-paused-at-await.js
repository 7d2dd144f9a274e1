function delay(ms) {
  return new Promise(function wait(resolve) {
    setTimeout(resolve, ms);
  });
}
async function fetchUser(id) {
  const request = { id: id, headers: ["accept"] };
  console.log("asking for", request.id);
  await delay({{ wait }});
  const user = { id: id, name: "user" + id };
  checkpoint("resumed");
  return user;
}
fetchUser({{ id }}).then(function show(user) {
  console.log("got", user.name);
});
console.log("script done");
setTimeout(function inspect() {
  checkpoint("A");
  console.log("inspect");
}, 50);
