class User {
  constructor(name) {
    this._name = name;
    this.reads = 0;
  }
  get name() {
    this.reads = this.reads + 1;
    if (this.reads === 1) {
      checkpoint("get");
    }
    return this.{{ field }};
  }
}
const user = new User("ada");
console.log("created");
console.log(user.name);
