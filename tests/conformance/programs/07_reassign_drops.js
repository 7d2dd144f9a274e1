// Reassigning the only variable that refers to an object makes it garbage.
let config = { theme: "dark" };
checkpoint("before");
config = { theme: "light" };
checkpoint("after");
console.log(config.theme);
