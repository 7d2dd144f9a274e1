// Closures made in one call share one context: `huge` stays alive because a sibling uses it.
function setup() {
  const huge = { payload: new Array(3).fill(0) };
  const small = { id: 1 };
  function unused() {
    return huge;
  }
  return function keep() {
    return small.id;
  };
}
const keep = setup();
checkpoint("leak");
console.log(keep());
