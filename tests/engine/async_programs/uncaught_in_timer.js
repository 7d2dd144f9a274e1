setTimeout(() => console.log("first"), 1);
setTimeout(() => { throw new TypeError("bad " + 2); }, 2);
setTimeout(() => console.log("never"), 3);
