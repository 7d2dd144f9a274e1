function makeUser(name) {
  const user = { name: name, visits: 0 };
  return user;
}
let user = makeUser("{{ name }}");
for (let i = 0; i < {{ visits }}; i++) {
  user.visits = user.visits + 1;
}
checkpoint("used");
console.log(user.name, user.visits);
user = null;
checkpoint("released");
gc();
checkpoint("after-gc");
