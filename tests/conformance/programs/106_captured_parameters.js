// Only the parameters a closure uses outlive the call.
function remember(first, second) {
  return () => first.label;
}
const recall = remember({ label: "kept" }, { label: "dropped" });
checkpoint("after call");
console.log(recall());
