let theThing = null;
function replaceThing() {
  const originalThing = theThing;
  const unused = function () {
    if (originalThing) {
      return "hi";
    }
  };
  theThing = {
    longStr: "*".repeat(1000),
    someMethod: function () {
      return 1;
    },
  };
}
for (let i = 0; i < {{ rounds }}; i++) {
  replaceThing();
}
checkpoint("end");
