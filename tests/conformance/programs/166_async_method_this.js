// An async method keeps `this` across its awaits; an async arrow sees the enclosing `this`.
class Downloader {
  constructor(name) {
    this.name = name;
    this.done = [];
  }
  async fetch(file) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    this.done.push(file);
    checkpoint("method resumed");
    const report = async () => {
      await null;
      return this.name + ": " + this.done.join(",");
    };
    return report();
  }
}
new Downloader("dl").fetch("a.txt").then((text) => console.log(text));
