// Resolving with a thenable calls its then method in a later job, so a plain value overtakes it.
const thenable = {
  then(resolve) {
    console.log("then called");
    resolve("from thenable");
  },
};
Promise.resolve(thenable).then((v) => console.log(v));
Promise.resolve("plain").then((v) => console.log(v));
new Promise((resolve) => resolve(thenable)).then((v) => console.log("again", v));
console.log("sync end");
