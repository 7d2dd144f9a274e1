// find, findIndex, some and every stop as soon as they know the answer.
const users = [{ name: "a", admin: false }, { name: "b", admin: true }, { name: "c", admin: true }];
let visited = 0;
const firstAdmin = users.find((u) => {
  visited++;
  if (u.admin) checkpoint("found");
  return u.admin;
});
console.log(firstAdmin.name, visited, users.findIndex((u) => u.name === "c"));
console.log(users.some((u) => u.admin), users.every((u) => u.admin), users.filter((u) => !u.admin).length);
