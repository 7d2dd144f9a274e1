// An arrow function uses the this of the method it was created in.
const timer = {
  ticks: 0,
  start() {
    const steps = [1, 2];
    steps.forEach((step) => {
      this.ticks += step;
      checkpoint("tick " + step);
    });
    return this.ticks;
  },
};
console.log(timer.start());
