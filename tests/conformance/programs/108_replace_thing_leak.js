// The classic leak: a closure that is never called still holds the previous object alive through a shared scope.
let theThing = null;
let replacements = 0;
function replaceThing() {
  const originalThing = theThing;
  const unused = function () {
    if (originalThing) return "hi";
  };
  theThing = {
    id: ++replacements,
    someMethod: function () {
      return "method";
    },
  };
}
replaceThing();
replaceThing();
replaceThing();
checkpoint("three replacements");
console.log(theThing.someMethod());
