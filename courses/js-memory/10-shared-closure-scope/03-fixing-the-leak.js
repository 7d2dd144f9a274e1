let theThing = null;
function replaceThing(round) {
  let originalThing = theThing;
{% if fix != "no-helper" %}  const unused = function () {
    if (originalThing) {
      return "hi";
    }
  };
{% endif %}  theThing = {
    round: round,
    someMethod: function () {
      return round;
    },
  };
{% if fix == "null" %}  originalThing = null;
{% endif %}}
for (let i = 1; i <= 3; i++) {
  replaceThing(i);
}
checkpoint("end");
console.log(theThing.someMethod());
