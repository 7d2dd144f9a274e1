function inner() {
  console.log("enter inner");
  checkpoint("deep");
  console.log("leave inner");
}
function middle() {
  console.log("enter middle");
  inner();
  console.log("leave middle");
}
function outer() {
  console.log("enter outer");
  middle();
  console.log("leave outer");
}
outer();
console.log("done");
