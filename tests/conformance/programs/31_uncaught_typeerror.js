// Reading a property of null throws a TypeError; uncaught, it ends the program.
function firstName(user) {
  return user.profile.name;
}
const ok = { profile: { name: "Lee" } };
console.log(firstName(ok));
checkpoint("before crash");
console.log(firstName({ profile: null }));
