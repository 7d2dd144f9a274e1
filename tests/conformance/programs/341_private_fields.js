// Private fields are the instance's own slots: a checkpoint shows an instance whose #fields hold objects; a field
// reassigned lets its old value go; an instance dropped frees what only its private fields held.
class Account {
  #owner;
  #history = [];
  static #count = 0;
  constructor(owner) {
    this.#owner = { name: owner };
    Account.#count++;
  }
  deposit(amount) {
    this.#history.push({ amount });
    return this;
  }
  rename(name) {
    this.#owner = { name };
  }
  static count() {
    return Account.#count;
  }
}
let a = new Account("ann");
a.deposit(5).deposit(7);
let b = new Account("bob");
checkpoint("two accounts");
a.rename("anna");
gc();
checkpoint("renamed");
b = null;
gc();
checkpoint("bob dropped");
console.log(Account.count());
