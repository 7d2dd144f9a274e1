// A running method keeps its this alive even when nothing else refers to the object.
function makeTask() {
  return {
    title: "write",
    run() {
      checkpoint("running");
      return this.title;
    },
  };
}
console.log(makeTask().run());
checkpoint("done");
