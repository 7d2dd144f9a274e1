let job = {
  name: "report",
  rows: [1, 2, 3],
  run() {
    job = null;
    checkpoint("running");
    return this.name + " " + this.rows.length;
  },
};
console.log(job.run());
checkpoint("after");
