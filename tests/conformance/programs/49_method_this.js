// A method call passes the object as this.
const robot = {
  name: "R2",
  parts: ["arm", "leg"],
  describe() {
    const count = this.parts.length;
    checkpoint("describing");
    return this.name + " has " + count + " parts";
  },
};
console.log(robot.describe());
